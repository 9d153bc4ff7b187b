// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - KUnit tests of the policy parser and its normal form
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <kunit/test.h>
#include <linux/err.h>
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "policy.h"

struct parse_case {
	const char *desc;
	const char *text;
	size_t len; /* 0: strlen(text) */
	int err;
	const char *normal; /* expected normal form, when it parses */
};

/* The normal form of the case "every key, lists in enum order". */
#define EVERY_KEY_NORMAL  \
	"default allow\n" \
	"deny op=open,read opcode=nop,read ctx=inline,taskwork uid=0 gid=5 auid=1 exe=/x path=/e cgroup=/c\n"

static const struct parse_case parse_cases[] = {
	{ "default only", "default audit\n", 0, 0, "default audit\n" },
	{ "rules without default", "deny op=sqpoll\n", 0, 0,
	  "default allow\ndeny op=sqpoll\n" },
	{ "comments, blanks, CRLF and tabs",
	  "# audit it all\r\n\r\n\tdefault  audit # trailing\r\n", 0, 0,
	  "default audit\n" },
	{ "no final newline", "default deny", 0, 0, "default deny\n" },
	{ "every key, lists in enum order",
	  "deny cgroup=/c path=/e/ exe=/x auid=1 gid=5 uid=0 ctx=taskwork,inline opcode=read,nop op=read,open",
	  0, 0, EVERY_KEY_NORMAL },
	{ "socket keys",
	  "deny port=80-90 addr=10.0.0.0/8 family=inet op=connect", 0, 0,
	  "default allow\ndeny op=connect family=inet addr=10.0.0.0/8 port=80-90\n" },
	{ "IPv6 in canonical form", "deny addr=2001:DB8:0:0:0:0:0:1", 0, 0,
	  "default allow\ndeny addr=2001:db8::1\n" },
	{ "unix address", "deny addr=@db family=unix op=connect", 0, 0,
	  "default allow\ndeny op=connect family=unix addr=@db\n" },
	{ "family by number", "deny family=38", 0, 0,
	  "default allow\ndeny family=38\n" },
	{ "unrecorded deny", "unrecorded deny\ndefault audit\n", 0, 0,
	  "default audit\nunrecorded deny\n" },
	{ "unrecorded allow is the default", "unrecorded allow\n", 0, 0,
	  "default allow\n" },
	{ "auid unset", "audit auid=unset\n", 0, 0,
	  "default allow\naudit auid=unset\n" },
	{ "root path prefix", "audit path=/\n", 0, 0,
	  "default allow\naudit path=/\n" },
	{ "events", "deny op=setup,sqpoll,override_creds\n", 0, 0,
	  "default allow\ndeny op=setup,sqpoll,override_creds\n" },
	{ "classes of no-hook opcodes", "deny op=msg_ring,close,nop,futex\n", 0,
	  0, "default allow\ndeny op=nop,close,msg_ring,futex\n" },
	{ "UTF-8 path", "deny path=/srv/caf\xc3\xa9\n", 0, 0,
	  "default allow\ndeny path=/srv/caf\xc3\xa9\n" },
	{ "empty text", "", 0, -EINVAL, NULL },
	{ "only comments", "# nothing\n\n", 0, -EINVAL, NULL },
	{ "unknown action", "permit op=open\n", 0, -EBADMSG, NULL },
	{ "unknown key", "deny op=open user=0\n", 0, -EBADMSG, NULL },
	{ "unknown op", "deny op=opne\n", 0, -EBADMSG, NULL },
	{ "fallocate is a write", "deny op=fallocate\n", 0, -EBADMSG, NULL },
	{ "unknown opcode", "deny opcode=openat3\n", 0, -EBADMSG, NULL },
	{ "opcode names are lower case", "deny opcode=OPENAT\n", 0, -EBADMSG,
	  NULL },
	{ "opcode on an event", "deny op=sqpoll opcode=nop\n", 0, -EBADMSG,
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
	{ "relative cgroup", "deny cgroup=system.slice\n", 0, -EBADMSG, NULL },
	{ "quote in path", "deny path=/a\"b\n", 0, -EBADMSG, NULL },
	{ "path on a socket op", "deny op=connect path=/tmp\n", 0, -EBADMSG,
	  NULL },
	{ "addr on a file op", "deny op=open addr=1.2.3.4\n", 0, -EBADMSG,
	  NULL },
	{ "path and addr together", "deny path=/a port=1\n", 0, -EBADMSG,
	  NULL },
	{ "IPv4 prefix too long", "deny addr=1.2.3.4/33\n", 0, -ERANGE, NULL },
	{ "IPv4 octet too big", "deny addr=1.2.3.256\n", 0, -EBADMSG, NULL },
	{ "IPv4 leading zero", "deny addr=1.2.3.04\n", 0, -EBADMSG, NULL },
	{ "IPv6 with two gaps", "deny addr=1::2::3\n", 0, -EBADMSG, NULL },
	{ "IPv6 too long", "deny addr=1:2:3:4:5:6:7:8:9\n", 0, -EBADMSG, NULL },
	{ "addr of another family", "deny family=inet addr=::1\n", 0, -EBADMSG,
	  NULL },
	{ "port of a unix address", "deny addr=/run/s port=1\n", 0, -EBADMSG,
	  NULL },
	{ "port out of range", "deny port=65536\n", 0, -ERANGE, NULL },
	{ "port range backwards", "deny port=90-80\n", 0, -EBADMSG, NULL },
	{ "unknown family", "deny family=ipx\n", 0, -EBADMSG, NULL },
	{ "unrecorded audit", "unrecorded audit\n", 0, -EBADMSG, NULL },
	{ "two unrecorded", "unrecorded deny\nunrecorded deny\n", 0, -EBADMSG,
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
	  "deny op=open opcode=read ctx=iowq uid=0 gid=0 auid=0 exe=/a path=/b cgroup=/c family=1 addr=/x port=1 x\n",
	  0, -EBADMSG, NULL },
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
		"audit ctx=iowq op=send,recv addr=::1\n\ndefault deny\n"
		"allow exe=/bin/db ctx=sqpoll\nunrecorded deny\n";
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

static struct kunit_case uringaudit_policy_cases[] = {
	KUNIT_CASE_PARAM(test_parse, parse_gen_params),
	KUNIT_CASE(test_normal_form_is_stable),
	KUNIT_CASE(test_every_error_reported),
	KUNIT_CASE(test_too_big),
	KUNIT_CASE(test_too_many_rules),
	{}
};

static struct kunit_suite uringaudit_policy_suite = {
	.name = "uringaudit_policy",
	.test_cases = uringaudit_policy_cases,
};

kunit_test_suite(uringaudit_policy_suite);
