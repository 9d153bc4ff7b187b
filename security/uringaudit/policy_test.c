// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - KUnit tests of the policy parser and matcher
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <kunit/test.h>
#include <linux/err.h>
#include <linux/string.h>

#include "policy.h"

struct parse_case {
	const char *desc;
	const char *text;
	size_t len; /* 0: strlen(text) */
	int err;
	const char *normal; /* expected normal form, when it parses */
};

static const struct parse_case parse_cases[] = {
	{ "default only", "default audit\n", 0, 0, "default audit\n" },
	{ "rules without default", "deny op=sqpoll\n", 0, 0,
	  "default allow\ndeny op=sqpoll\n" },
	{ "comments, blanks, CRLF and tabs",
	  "# audit it all\r\n\r\n\tdefault  audit # trailing\r\n", 0, 0,
	  "default audit\n" },
	{ "no final newline", "default deny", 0, 0, "default deny\n" },
	{ "every key, lists in enum order",
	  "deny path=/e/ exe=/x auid=1 gid=5 uid=0 ctx=sqpoll,inline op=read,open",
	  0, 0,
	  "default allow\n"
	  "deny op=open,read ctx=inline,sqpoll uid=0 gid=5 auid=1 exe=/x path=/e\n" },
	{ "auid unset", "audit auid=unset\n", 0, 0,
	  "default allow\naudit auid=unset\n" },
	{ "root path prefix", "audit path=/\n", 0, 0,
	  "default allow\naudit path=/\n" },
	{ "events", "deny op=setup,sqpoll,override_creds\n", 0, 0,
	  "default allow\ndeny op=setup,sqpoll,override_creds\n" },
	{ "UTF-8 path", "deny path=/srv/caf\xc3\xa9\n", 0, 0,
	  "default allow\ndeny path=/srv/caf\xc3\xa9\n" },
	{ "empty text", "", 0, -EINVAL, NULL },
	{ "only comments", "# nothing\n\n", 0, -EINVAL, NULL },
	{ "unknown action", "permit op=open\n", 0, -EBADMSG, NULL },
	{ "unknown key", "deny op=open user=0\n", 0, -EBADMSG, NULL },
	{ "unknown op", "deny op=opne\n", 0, -EBADMSG, NULL },
	{ "op 6.12 cannot tell apart", "deny op=fallocate\n", 0, -EBADMSG,
	  NULL },
	{ "unknown ctx", "deny ctx=kthread\n", 0, -EBADMSG, NULL },
	{ "ctx none is no context", "deny ctx=none\n", 0, -EBADMSG, NULL },
	{ "duplicate key", "deny uid=0 uid=1\n", 0, -EBADMSG, NULL },
	{ "duplicate list item", "deny op=open,open\n", 0, -EBADMSG, NULL },
	{ "empty list item", "deny op=open,\n", 0, -EBADMSG, NULL },
	{ "empty value", "deny uid=\n", 0, -EBADMSG, NULL },
	{ "no value", "deny uid\n", 0, -EBADMSG, NULL },
	{ "uid out of range", "deny uid=4294967295\n", 0, -ERANGE, NULL },
	{ "uid far out of range", "deny uid=99999999999999999999\n", 0, -ERANGE,
	  NULL },
	{ "negative uid", "deny uid=-1\n", 0, -EBADMSG, NULL },
	{ "relative exe", "deny exe=bin/sh\n", 0, -EBADMSG, NULL },
	{ "quote in path", "deny path=/a\"b\n", 0, -EBADMSG, NULL },
	{ "path on a socket op", "deny op=connect path=/tmp\n", 0, -EBADMSG,
	  NULL },
	{ "two defaults", "default allow\ndefault deny\n", 0, -EBADMSG, NULL },
	{ "default with a key", "default deny op=open\n", 0, -EBADMSG, NULL },
	{ "default without action", "default\n", 0, -EBADMSG, NULL },
	{ "NUL byte", "default audit\n\0deny\n", 20, -EBADMSG, NULL },
	{ "control byte", "default \x01 audit\n", 0, -EBADMSG, NULL },
	{ "invalid UTF-8", "deny path=/a\xff\n", 0, -EBADMSG, NULL },
	{ "overlong UTF-8", "deny path=/a\xc0\xaf\n", 0, -EBADMSG, NULL },
	{ "truncated UTF-8", "deny path=/a\xe2\x82", 0, -EBADMSG, NULL },
	{ "UTF-16 surrogate", "deny path=/a\xed\xa0\x80\n", 0, -EBADMSG, NULL },
	{ "too many words",
	  "deny op=open ctx=iowq uid=0 gid=0 auid=0 exe=/a path=/b x\n", 0,
	  -EBADMSG, NULL },
	{ "good line does not hide a bad one", "default audit\nbogus\n", 0,
	  -EBADMSG, NULL },
};

static void parse_case_desc(const struct parse_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(parse, parse_cases, parse_case_desc);

static void test_parse(struct kunit *const test)
{
	const struct parse_case *c = test->param_value;
	size_t len = c->len ? c->len : strlen(c->text);
	struct uringaudit_policy *pol;
	char buf[512];

	pol = uringaudit_policy_parse(c->text, len, NULL, NULL);
	if (c->err) {
		KUNIT_EXPECT_EQ(test, c->err, PTR_ERR_OR_ZERO(pol));
		uringaudit_policy_free(pol);
		return;
	}
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(pol), "error %d",
			       PTR_ERR_OR_ZERO(pol));
	KUNIT_EXPECT_LT(test, uringaudit_policy_format(pol, buf, sizeof(buf)),
			(int)sizeof(buf));
	KUNIT_EXPECT_STREQ(test, c->normal, buf);
	uringaudit_policy_free(pol);
}

/* The normal form parses to itself. */
static void test_normal_form_is_stable(struct kunit *const test)
{
	const char *text =
		"audit ctx=iowq op=send,recv\n\ndefault deny\nallow exe=/bin/db ctx=sqpoll\n";
	struct uringaudit_policy *a, *b;
	char first[256], second[256];

	a = uringaudit_policy_parse(text, strlen(text), NULL, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	uringaudit_policy_format(a, first, sizeof(first));
	b = uringaudit_policy_parse(first, strlen(first), NULL, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b));
	uringaudit_policy_format(b, second, sizeof(second));
	KUNIT_EXPECT_STREQ(test, first, second);
	uringaudit_policy_free(a);
	uringaudit_policy_free(b);
}

struct error_log {
	u32 count;
	u32 line[4];
	u32 col[4];
};

static void record_error(void *arg, u32 line, u32 col, int err, const char *msg)
{
	struct error_log *log = arg;

	if (log->count < ARRAY_SIZE(log->line)) {
		log->line[log->count] = line;
		log->col[log->count] = col;
	}
	log->count++;
}

/* Every error of a text is reported, each where it is. */
static void test_every_error_reported(struct kunit *const test)
{
	const char *text = "default audit\nbogus\ndeny op=open uid=x\n"
			   "deny op=open,nope\n";
	struct error_log log = {};
	struct uringaudit_policy *pol;

	pol = uringaudit_policy_parse(text, strlen(text), record_error, &log);
	KUNIT_EXPECT_EQ(test, -EBADMSG, PTR_ERR_OR_ZERO(pol));
	KUNIT_ASSERT_EQ(test, 3, log.count);
	KUNIT_EXPECT_EQ(test, 2, log.line[0]);
	KUNIT_EXPECT_EQ(test, 1, log.col[0]);
	KUNIT_EXPECT_EQ(test, 3, log.line[1]);
	KUNIT_EXPECT_EQ(test, 18, log.col[1]);
	KUNIT_EXPECT_EQ(test, 4, log.line[2]);
	KUNIT_EXPECT_EQ(test, 14, log.col[2]);
}

static void test_too_big(struct kunit *const test)
{
	const size_t len = URINGAUDIT_POLICY_MAX_SIZE + 1;
	struct uringaudit_policy *pol;
	char *text;

	/* Refused on its length alone, before a byte is read. */
	text = kunit_kzalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, text);
	pol = uringaudit_policy_parse(text, len, NULL, NULL);
	KUNIT_EXPECT_EQ(test, -EFBIG, PTR_ERR_OR_ZERO(pol));
}

static void test_too_many_rules(struct kunit *const test)
{
	const size_t n = URINGAUDIT_POLICY_MAX_RULES + 1;
	struct uringaudit_policy *pol;
	char *text;
	size_t i;

	text = kunit_kmalloc(test, n * 5, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, text);
	for (i = 0; i < n; i++)
		memcpy(text + i * 5, "deny\n", 5);
	pol = uringaudit_policy_parse(text, n * 5, NULL, NULL);
	KUNIT_EXPECT_EQ(test, -E2BIG, PTR_ERR_OR_ZERO(pol));
	pol = uringaudit_policy_parse(text, (n - 1) * 5, NULL, NULL);
	KUNIT_EXPECT_FALSE(test, IS_ERR(pol));
	uringaudit_policy_free(pol);
}

struct match_case {
	const char *desc;
	struct uringaudit_subject subj;
	int rule; /* index of the matching rule, -1 for the default */
};

static const char match_policy[] =
	"default audit\n"
	"deny op=sqpoll exe=/usr/bin/curing\n" /* 0 */
	"allow op=open,read ctx=iowq uid=1000\n" /* 1 */
	"deny op=open path=/etc\n" /* 2 */
	"audit ctx=sqpoll auid=unset\n" /* 3 */
	"allow op=connect gid=100\n" /* 4 */
	"deny path=/\n"; /* 5 */

static const struct match_case match_cases[] = {
	{ "exe matches",
	  { URINGAUDIT_OP_SQPOLL, URINGAUDIT_CTX_INLINE,
	    .exe = "/usr/bin/curing" },
	  0 },
	{ "exe differs",
	  { URINGAUDIT_OP_SQPOLL, URINGAUDIT_CTX_INLINE,
	    .exe = "/usr/bin/curing2" },
	  -1 },
	{ "exe unknown", { URINGAUDIT_OP_SQPOLL, URINGAUDIT_CTX_INLINE }, -1 },
	{ "uid and ctx match",
	  { URINGAUDIT_OP_READ, URINGAUDIT_CTX_IOWQ, .uid = 1000,
	    .path = "/etc/x" },
	  1 },
	{ "first match wins",
	  { URINGAUDIT_OP_OPEN, URINGAUDIT_CTX_IOWQ, .uid = 1000,
	    .path = "/etc/x" },
	  1 },
	{ "path prefix",
	  { URINGAUDIT_OP_OPEN, URINGAUDIT_CTX_INLINE, .path = "/etc/passwd" },
	  2 },
	{ "path itself",
	  { URINGAUDIT_OP_OPEN, URINGAUDIT_CTX_INLINE, .path = "/etc" },
	  2 },
	{ "path prefix is per component",
	  { URINGAUDIT_OP_OPEN, URINGAUDIT_CTX_INLINE, .path = "/etcetera" },
	  5 },
	{ "path unknown", { URINGAUDIT_OP_OPEN, URINGAUDIT_CTX_INLINE }, -1 },
	{ "auid unset",
	  { URINGAUDIT_OP_SEND, URINGAUDIT_CTX_SQPOLL,
	    .auid = URINGAUDIT_AUID_UNSET },
	  3 },
	{ "auid set",
	  { URINGAUDIT_OP_SEND, URINGAUDIT_CTX_SQPOLL, .auid = 1000 },
	  -1 },
	{ "gid", { URINGAUDIT_OP_CONNECT, URINGAUDIT_CTX_IOWQ, .gid = 100 }, 4 },
	{ "path rule skips socket ops",
	  { URINGAUDIT_OP_CONNECT, URINGAUDIT_CTX_IOWQ, .path = "/x" },
	  -1 },
	{ "root path covers every file",
	  { URINGAUDIT_OP_MKDIR, URINGAUDIT_CTX_IOWQ, .path = "/tmp/d" },
	  5 },
	{ "no context never matches",
	  { URINGAUDIT_OP_OPEN, URINGAUDIT_CTX_NONE, .path = "/etc" },
	  -1 },
};

static void match_case_desc(const struct match_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(match, match_cases, match_case_desc);

static void test_match(struct kunit *const test)
{
	const struct match_case *c = test->param_value;
	const struct uringaudit_rule *rule;
	struct uringaudit_policy *pol;

	pol = uringaudit_policy_parse(match_policy, strlen(match_policy), NULL,
				      NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pol));
	rule = uringaudit_policy_match(pol, &c->subj);
	if (c->rule < 0)
		KUNIT_EXPECT_NULL(test, rule);
	else
		KUNIT_EXPECT_PTR_EQ(test, &pol->rules[c->rule], rule);
	uringaudit_policy_free(pol);
}

#define OPEN URINGAUDIT_OP_OPEN
#define CONNECT URINGAUDIT_OP_CONNECT
#define INLINE URINGAUDIT_CTX_INLINE
#define IOWQ URINGAUDIT_CTX_IOWQ
#define SQPOLL URINGAUDIT_CTX_SQPOLL

/* An op that no rule names has no candidates, whatever the rule count. */
static void test_index_skips_other_ops(struct kunit *const test)
{
	const char *text = "deny op=connect\ndeny op=connect ctx=iowq\n"
			   "audit ctx=sqpoll\n";
	struct uringaudit_policy *pol;

	pol = uringaudit_policy_parse(text, strlen(text), NULL, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pol));
	KUNIT_EXPECT_EQ(test, 0, pol->nr_index[OPEN][INLINE]);
	KUNIT_EXPECT_EQ(test, 1, pol->nr_index[OPEN][SQPOLL]);
	KUNIT_EXPECT_EQ(test, 2, pol->nr_index[CONNECT][IOWQ]);
	KUNIT_EXPECT_EQ(test, 0, pol->needs[CONNECT][IOWQ]);
	uringaudit_policy_free(pol);
}

/* Keyed rules sit in hash groups, yet the first rule in the text wins. */
static void test_keyed_rules_keep_order(struct kunit *const test)
{
	const char *text = "deny op=open path=/etc\n" /* 0 */
			   "allow op=open uid=0\n" /* 1 */
			   "audit op=open\n" /* 2 */
			   "deny op=open uid=0 exe=/bin/sh\n"; /* 3 */
	struct uringaudit_subject subj = { .op = OPEN,
					   .ctx = INLINE,
					   .exe = "/bin/sh" };
	struct uringaudit_policy *pol;

	pol = uringaudit_policy_parse(text, strlen(text), NULL, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pol));
	subj.path = "/etc/x";
	KUNIT_EXPECT_PTR_EQ(test, &pol->rules[0],
			    uringaudit_policy_match(pol, &subj));
	subj.path = "/tmp/x";
	KUNIT_EXPECT_PTR_EQ(test, &pol->rules[1],
			    uringaudit_policy_match(pol, &subj));
	subj.uid = 5;
	KUNIT_EXPECT_PTR_EQ(test, &pol->rules[2],
			    uringaudit_policy_match(pol, &subj));
	uringaudit_policy_free(pol);
}

/*
 * A rule with a uid, auid, gid, exe or path is found by its value: an op
 * with another value has no candidate, whatever the number of rules.
 */
static void test_index_skips_other_values(struct kunit *const test)
{
	const u32 n = 4096;
	struct uringaudit_subject subj = { .op = OPEN, .ctx = IOWQ };
	struct uringaudit_policy *pol;
	const u32 *slot;
	char *text;
	size_t len = 0;
	u32 i;

	text = kunit_kmalloc(test, n * 32, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, text);
	for (i = 0; i < n; i++)
		len += sprintf(text + len, "deny op=open uid=%u\n", 10000 + i);
	pol = uringaudit_policy_parse(text, len, NULL, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pol));
	KUNIT_EXPECT_EQ(test, 0, pol->nr_index[OPEN][IOWQ]);
	KUNIT_EXPECT_EQ(test, URINGAUDIT_MATCH_UID, pol->keys[OPEN][IOWQ]);
	slot = uringaudit_policy_slot(pol, URINGAUDIT_MATCH_UID, 5);
	KUNIT_ASSERT_NOT_NULL(test, slot);
	KUNIT_EXPECT_EQ(test, 0, *slot);
	slot = uringaudit_policy_slot(pol, URINGAUDIT_MATCH_UID, 10007);
	KUNIT_ASSERT_NOT_NULL(test, slot);
	KUNIT_ASSERT_NE(test, 0, *slot);
	KUNIT_EXPECT_EQ(test, 1, pol->groups[*slot - 1].count);
	subj.uid = 5;
	KUNIT_EXPECT_NULL(test, uringaudit_policy_match(pol, &subj));
	subj.uid = 10007;
	KUNIT_EXPECT_PTR_EQ(test, &pol->rules[7],
			    uringaudit_policy_match(pol, &subj));
	uringaudit_policy_free(pol);
}

static struct kunit_case uringaudit_policy_cases[] = {
	KUNIT_CASE_PARAM(test_parse, parse_gen_params),
	KUNIT_CASE(test_normal_form_is_stable),
	KUNIT_CASE(test_every_error_reported),
	KUNIT_CASE(test_too_big),
	KUNIT_CASE(test_too_many_rules),
	KUNIT_CASE_PARAM(test_match, match_gen_params),
	KUNIT_CASE(test_index_skips_other_ops),
	KUNIT_CASE(test_keyed_rules_keep_order),
	KUNIT_CASE(test_index_skips_other_values),
	{}
};

static struct kunit_suite uringaudit_policy_suite = {
	.name = "uringaudit_policy",
	.test_cases = uringaudit_policy_cases,
};

kunit_test_suite(uringaudit_policy_suite);

MODULE_LICENSE("GPL");
