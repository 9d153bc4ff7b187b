// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - KUnit tests of origin tags
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <kunit/test.h>
#include <linux/cred.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/string.h>

#include "task.h"

static void test_origin_describes_creator(struct kunit *const test)
{
	struct uringaudit_origin *origin = uringaudit_origin_new(current);
	char comm[TASK_COMM_LEN];

	KUNIT_ASSERT_NOT_NULL(test, origin);
	KUNIT_EXPECT_PTR_EQ(test, task_tgid(current), origin->tgid);
	KUNIT_EXPECT_TRUE(test, uid_eq(current_cred()->uid, origin->uid));
	get_task_comm(comm, current->group_leader);
	KUNIT_EXPECT_STREQ(test, comm, origin->comm);
	/* KUnit cases run in kernel threads, which run no program. */
	KUNIT_EXPECT_NULL(test, origin->exe);
	KUNIT_EXPECT_EQ(test, 1, refcount_read(&origin->usage));
	uringaudit_origin_put(origin);
}

/* The process is held by reference: its number cannot go to another. */
static void test_origin_pins_process(struct kunit *const test)
{
	struct pid *pid = task_tgid(current);
	unsigned int before = refcount_read(&pid->count);
	struct uringaudit_origin *origin = uringaudit_origin_new(current);

	KUNIT_ASSERT_NOT_NULL(test, origin);
	KUNIT_EXPECT_EQ(test, before + 1, refcount_read(&pid->count));
	uringaudit_origin_put(origin);
	KUNIT_EXPECT_EQ(test, before, refcount_read(&pid->count));
}

static void test_origin_survives_rename(struct kunit *const test)
{
	struct uringaudit_origin *origin;
	char before[TASK_COMM_LEN];

	get_task_comm(before, current);
	origin = uringaudit_origin_new(current);
	KUNIT_ASSERT_NOT_NULL(test, origin);

	set_task_comm(current, "iou-sqp-1");
	KUNIT_EXPECT_STREQ(test, before, origin->comm);
	set_task_comm(current, before);
	uringaudit_origin_put(origin);
}

static void test_origin_refcount(struct kunit *const test)
{
	struct uringaudit_origin *origin = uringaudit_origin_new(current);

	KUNIT_ASSERT_NOT_NULL(test, origin);
	KUNIT_EXPECT_PTR_EQ(test, origin, uringaudit_origin_get(origin));
	KUNIT_EXPECT_EQ(test, 2, refcount_read(&origin->usage));
	uringaudit_origin_put(origin);
	KUNIT_EXPECT_EQ(test, 1, refcount_read(&origin->usage));
	uringaudit_origin_put(origin);
	/* NULL is a valid tag: the one of every task that is no io thread. */
	KUNIT_EXPECT_NULL(test, uringaudit_origin_get(NULL));
	uringaudit_origin_put(NULL);
}

static struct kunit_case uringaudit_task_cases[] = {
	KUNIT_CASE(test_origin_describes_creator),
	KUNIT_CASE(test_origin_pins_process),
	KUNIT_CASE(test_origin_survives_rename),
	KUNIT_CASE(test_origin_refcount),
	{}
};

static struct kunit_suite uringaudit_task_suite = {
	.name = "uringaudit_task",
	.test_cases = uringaudit_task_cases,
};

kunit_test_suite(uringaudit_task_suite);
