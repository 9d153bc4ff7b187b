// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - KUnit tests of the io_uring context decision
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <kunit/test.h>
#include <linux/sched.h>
#include <linux/unistd.h>

#include "context.h"
#include "policy.h"

/* Stand-ins for the pointers the decision only tests against NULL. */
static int fake_worker, fake_tctx;

struct ctx_case {
	const char *desc;
	unsigned int flags;
	const void *worker_private;
	const void *io_uring;
	bool in_task;
	long nr;
	u32 expected;
};

static const struct ctx_case ctx_cases[] = {
	{ "plain syscall", 0, NULL, NULL, true, 0, URINGAUDIT_CTX_NONE },
	{ "io_uring_enter", 0, NULL, &fake_tctx, true, __NR_io_uring_enter,
	  URINGAUDIT_CTX_INLINE },
	{ "io_uring_enter, no tctx yet", 0, NULL, NULL, true,
	  __NR_io_uring_enter, URINGAUDIT_CTX_INLINE },
	{ "io_uring_setup is not an op", 0, NULL, NULL, true,
	  __NR_io_uring_setup, URINGAUDIT_CTX_NONE },
	{ "io_uring_register is not an op", 0, NULL, &fake_tctx, true,
	  __NR_io_uring_register, URINGAUDIT_CTX_NONE },
	{ "task_work on return to user", 0, NULL, &fake_tctx, true, -1,
	  URINGAUDIT_CTX_NONE },
	{ "io-wq worker", PF_IO_WORKER | PF_USER_WORKER, &fake_worker, NULL,
	  true, __NR_io_uring_enter, URINGAUDIT_CTX_IOWQ },
	{ "io-wq worker with a stale syscall number",
	  PF_IO_WORKER | PF_USER_WORKER, &fake_worker, NULL, true, 0,
	  URINGAUDIT_CTX_IOWQ },
	{ "SQPOLL thread", PF_IO_WORKER | PF_USER_WORKER, NULL, &fake_tctx,
	  true, __NR_io_uring_setup, URINGAUDIT_CTX_SQPOLL },
	{ "exiting io-wq worker", PF_IO_WORKER | PF_USER_WORKER, NULL, NULL,
	  true, __NR_io_uring_enter, URINGAUDIT_CTX_NONE },
	{ "softirq in io_uring_enter", 0, NULL, &fake_tctx, false,
	  __NR_io_uring_enter, URINGAUDIT_CTX_NONE },
	{ "interrupt on an io-wq worker", PF_IO_WORKER | PF_USER_WORKER,
	  &fake_worker, NULL, false, 0, URINGAUDIT_CTX_NONE },
	{ "kernel thread", PF_KTHREAD, NULL, NULL, true, __NR_io_uring_enter,
	  URINGAUDIT_CTX_NONE },
};

static void ctx_case_desc(const struct ctx_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ctx, ctx_cases, ctx_case_desc);

static void test_classify(struct kunit *const test)
{
	const struct ctx_case *const c = test->param_value;

	KUNIT_EXPECT_EQ(test, c->expected,
			uringaudit_classify(c->flags, c->worker_private,
					    c->io_uring, c->in_task, c->nr));
}

static void test_current_is_none(struct kunit *const test)
{
	/* KUnit runs its cases in a kernel thread. */
	KUNIT_EXPECT_EQ(test, URINGAUDIT_CTX_NONE, uringaudit_current_ctx());
	KUNIT_EXPECT_EQ(test, URINGAUDIT_CTX_NONE, uringaudit_thread_ctx());
}

/*
 * A policy names each context a rule can name, and reads it back the same;
 * "none", which no op runs in, is no context of a policy.
 */
static void test_ctx_names_round_trip(struct kunit *const test)
{
	struct uringaudit_policy *pol;
	char text[64], normal[96];
	u32 ctx;

	for (ctx = 0; ctx < URINGAUDIT_NR_CTX; ctx++) {
		snprintf(text, sizeof(text), "deny ctx=%s\n",
			 uringaudit_ctx_names[ctx]);
		pol = uringaudit_policy_parse(text, strlen(text), NULL, NULL);
		KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(pol), "%s", text);
		KUNIT_EXPECT_EQ(test, BIT(ctx), pol->rules[0].ctxs);
		uringaudit_policy_format(pol, normal, sizeof(normal));
		KUNIT_EXPECT_NOT_NULL(test, strstr(normal, text));
		uringaudit_policy_free(pol);
	}
	snprintf(text, sizeof(text), "deny ctx=%s\n",
		 uringaudit_ctx_names[URINGAUDIT_CTX_NONE]);
	pol = uringaudit_policy_parse(text, strlen(text), NULL, NULL);
	KUNIT_EXPECT_EQ(test, -EBADMSG, PTR_ERR_OR_ZERO(pol));
	uringaudit_policy_free(pol);
}

static struct kunit_case uringaudit_context_cases[] = {
	KUNIT_CASE_PARAM(test_classify, ctx_gen_params),
	KUNIT_CASE(test_current_is_none),
	KUNIT_CASE(test_ctx_names_round_trip),
	{}
};

static struct kunit_suite uringaudit_context_suite = {
	.name = "uringaudit_context",
	.test_cases = uringaudit_context_cases,
};

kunit_test_suite(uringaudit_context_suite);
