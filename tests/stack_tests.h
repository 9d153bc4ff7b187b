/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - The tests of a stacking boot, for the LSM that the file
 * including this one describes in stack_lsm: uringaudit and that module
 * decide the same io_uring opens of /tests/stack-victim, inline, on io-wq
 * and with SQPOLL.  A denial by either fails the op with -EACCES; each
 * module writes its own record of it, in the same audit event.
 *
 * LSMs are called in the order of lsm=; the first to refuse an op ends
 * the call.  The boots put uringaudit first; where the other module comes
 * first, the tests expect no uringaudit record of an op it refused.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _URINGAUDIT_TESTS_STACK_TESTS_H
#define _URINGAUDIT_TESTS_STACK_TESTS_H

#include <sys/stat.h>

#include "kselftest_harness.h"
#include "stack.h"

/* What the including test says of its LSM. */
struct stack_lsm {
	/* Its name in /sys/kernel/security/lsm. */
	const char *name;
	/* Load its policy and label the files of STACK_DIR; 0 or -errno. */
	int (*setup)(void);
	/* What its record of an open it allowed and audited holds. */
	const char *granted;
	/* What its record of an open it refused holds. */
	const char *denied;
};

/* Defined by the including test. */
static const struct stack_lsm stack_lsm;

FIXTURE(stack)
{
	int audit_fd;
	struct stack_records recs;
};

FIXTURE_VARIANT(stack)
{
	const char *ctx;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(stack, inline) { .ctx = "inline" };
FIXTURE_VARIANT_ADD(stack, iowq) { .ctx = "iowq" };
FIXTURE_VARIANT_ADD(stack, sqpoll) { .ctx = "sqpoll" };
/* clang-format on */

/* The files of the tests; the policies of both LSMs name them. */
static const char *const stack_files[] = {
	STACK_DIR "/allowed",
	STACK_DIR "/audited",
	STACK_DIR "/secret",
	STACK_DIR "/uringaudit-denied",
};

FIXTURE_SETUP(stack)
{
	size_t i;

	self->audit_fd = -1;
	if (!lsm_active(stack_lsm.name) || !lsm_active("uringaudit"))
		SKIP(return, "%s and uringaudit are not both active",
			   stack_lsm.name);
	reset_uringaudit();
	ASSERT_TRUE(!mkdir(STACK_DIR, 0755) || errno == EEXIST);
	/* Made without opening them: the policies may forbid that. */
	for (i = 0; i < ARRAY_SIZE(stack_files); i++)
		ASSERT_TRUE(!mknod(stack_files[i], S_IFREG | 0644, 0) ||
			    errno == EEXIST);
	ASSERT_EQ(0, stack_lsm.setup())
	{
		TH_LOG("Failed to load the policy of %s", stack_lsm.name);
	}
	self->audit_fd = audit_open();
	ASSERT_LE(0, self->audit_fd);
}

FIXTURE_TEARDOWN(stack)
{
	if (self->audit_fd < 0)
		return;
	reset_uringaudit();
	close(self->audit_fd);
}

/* Whether lsm= put @first before @second. */
static bool lsm_before(const char *first, const char *second)
{
	char list[256];
	const char *a, *b;

	if (read_text(SECURITYFS "/lsm", list, sizeof(list)) < 0)
		return false;
	a = strstr(list, first);
	b = strstr(list, second);
	return a && b && a < b;
}

/*
 * Open @name of STACK_DIR as the victim, in the variant's context, expect
 * @res, and collect both records; the other LSM's holds @avc_text (none
 * is waited for when NULL).
 */
static void victim_open(struct __test_metadata *const _metadata,
			FIXTURE_DATA(stack) * self,
			const FIXTURE_VARIANT(stack) * variant,
			const char *name, int res, const char *avc_text)
{
	char path[64];
	pid_t pid;

	snprintf(path, sizeof(path), "%s/%s", STACK_DIR, name);
	EXPECT_EQ(res, run_victim(STACK_VICTIM, variant->ctx, path, &pid))
	{
		TH_LOG("%s: open %s in %s", stack_lsm.name, path, variant->ctx);
	}
	stack_collect(self->audit_fd, pid, variant->ctx, avc_text, &self->recs);
}

/* uringaudit's record is there, whole, with @decision on @name. */
static void expect_uringaudit_record(struct __test_metadata *const _metadata,
				     FIXTURE_DATA(stack) * self,
				     const char *name, const char *decision)
{
	const char *text = self->recs.ua.text;
	char want[80], val[64];

	ASSERT_TRUE(self->recs.has_ua)
	{
		TH_LOG("no uringaudit record of the open of %s", name);
	}
	TH_LOG("uringaudit: %s", text);
	EXPECT_TRUE(field_is(text, "decision", decision));
	/* The rule, quoted, may name the path too: look for the field. */
	snprintf(want, sizeof(want), " path=\"%s/%s\" ", STACK_DIR, name);
	EXPECT_NE(NULL, strstr(text, want));
	EXPECT_TRUE(field_get(text, "origin_comm", val, sizeof(val)));
	EXPECT_STREQ("stack-victim", val);
	EXPECT_TRUE(field_get(text, "origin_exe", val, sizeof(val)));
	EXPECT_STREQ(STACK_VICTIM, val);
}

/* The other LSM's record is there, names @name, in the same event. */
static void expect_lsm_record(struct __test_metadata *const _metadata,
			      FIXTURE_DATA(stack) * self, const char *name)
{
	char want[64];

	ASSERT_TRUE(self->recs.has_avc)
	{
		TH_LOG("no %s record of the open of %s", stack_lsm.name, name);
	}
	TH_LOG("%s: %s", stack_lsm.name, self->recs.avc.text);
	snprintf(want, sizeof(want), "%s/%s\"", STACK_DIR, name);
	EXPECT_NE(NULL, strstr(self->recs.avc.text, want));
	if (self->recs.has_ua)
		EXPECT_EQ(self->recs.ua.serial, self->recs.avc.serial);
}

/* An open both modules allow and audit: one record from each. */
TEST_F(stack, allowed_by_both_recorded_by_both)
{
	ASSERT_EQ(0, load_policy("default audit\n"));
	victim_open(_metadata, self, variant, "audited", 0, stack_lsm.granted);
	expect_uringaudit_record(_metadata, self, "audited", "audit");
	expect_lsm_record(_metadata, self, "audited");
}

/*
 * An open the other module refuses fails with -EACCES.  uringaudit, first
 * in lsm=, allowed and recorded it: its record is there, whole, in the
 * event of the other module's denial.
 */
TEST_F(stack, lsm_denial_fails_op)
{
	ASSERT_EQ(0, load_policy("default audit\n"));
	victim_open(_metadata, self, variant, "secret", -EACCES,
		    stack_lsm.denied);
	expect_lsm_record(_metadata, self, "secret");
	if (lsm_before(stack_lsm.name, "uringaudit")) {
		/* The refusal ended the call before uringaudit's hook. */
		EXPECT_FALSE(self->recs.has_ua);
		return;
	}
	expect_uringaudit_record(_metadata, self, "secret", "audit");
}

/*
 * An open the other module allows, uringaudit refuses: it fails with
 * -EACCES, uringaudit records the denial, the other module none.
 */
TEST_F(stack, uringaudit_denial_fails_op)
{
	ASSERT_EQ(0, load_policy("default audit\n"));
	victim_open(_metadata, self, variant, "uringaudit-denied", 0, NULL);
	ASSERT_EQ(0, load_policy("deny op=open path=" STACK_DIR
				 "/uringaudit-denied\ndefault audit\n"));
	victim_open(_metadata, self, variant, "uringaudit-denied", -EACCES,
		    stack_lsm.denied);
	expect_uringaudit_record(_metadata, self, "uringaudit-denied", "deny");
	EXPECT_FALSE(self->recs.has_avc)
	{
		TH_LOG("%s: %s", stack_lsm.name, self->recs.avc.text);
	}
}

#endif /* _URINGAUDIT_TESTS_STACK_TESTS_H */
