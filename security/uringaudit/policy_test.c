// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - KUnit tests of the policy parser and matcher
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

/*
 * Policies of these tests are resolved by hand: the object a path= or exe=
 * rule names gets an identity made from its path, and an op's object and
 * the directories above it get the identities of their paths, so that an
 * identity stands for an object whatever name the op reached it by.
 */
static void fake_key(const char *path, size_t len, struct uringaudit_key *k)
{
	k->ino = uringaudit_str_hash(path, len) | 1;
	k->dev = 8;
	k->gen = (u32)len;
}

static void fake_resolve(struct uringaudit_rule *r)
{
	if (r->match & URINGAUDIT_MATCH_EXE) {
		fake_key(r->exe, r->exe_len, &r->exe_key);
		r->resolved |= URINGAUDIT_RESOLVED_EXE;
	}
	if (!(r->match & URINGAUDIT_MATCH_PATH))
		return;
	if (r->path_len == 1) {
		r->resolved |= URINGAUDIT_RESOLVED_ANY_PATH;
		return;
	}
	/* "/gone..." did not exist when loaded: matched by name. */
	if (!strncmp(r->path, "/gone", 5))
		return;
	r->path_keys = kcalloc(1, sizeof(*r->path_keys), GFP_KERNEL);
	if (!r->path_keys)
		return;
	fake_key(r->path, r->path_len, &r->path_keys[0]);
	r->nr_path_keys = 1;
	r->resolved |= URINGAUDIT_RESOLVED_PATH;
}

static struct uringaudit_policy *load(struct kunit *test, const char *text)
{
	struct uringaudit_policy *pol;
	u32 i;

	pol = uringaudit_policy_parse(text, strlen(text), NULL, NULL);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(pol), "%s", text);
	for (i = 0; i < pol->nr_rules; i++)
		fake_resolve(&pol->rules[i]);
	KUNIT_ASSERT_EQ(test, 0, uringaudit_policy_index(pol));
	return pol;
}

/* An op's object at @path: its identity and its directories'. */
struct object {
	struct uringaudit_key keys[16];
};

static void object_at(struct uringaudit_subject *s, struct object *o,
		      const char *path)
{
	size_t len = strlen(path);
	u32 n = 0;

	s->path = path;
	for (; len > 1 && n < ARRAY_SIZE(o->keys) - 1; len--)
		if (len == strlen(path) || path[len] == '/')
			fake_key(path, len, &o->keys[n++]);
	fake_key("/", 1, &o->keys[n++]);
	s->obj = o->keys;
	s->nr_obj = n;
}

static int verdict_rule(const struct uringaudit_policy *pol,
			const struct uringaudit_subject *subj)
{
	struct uringaudit_verdict v;

	uringaudit_policy_match(pol, subj, &v);
	if (v.pending)
		return -2;
	return v.rule ? (int)(v.rule - pol->rules) : -1;
}

struct match_case {
	const char *desc;
	u32 op;
	u32 opcode;
	u32 ctx;
	u32 uid;
	u32 gid;
	u32 auid;
	const char *exe;
	const char *path;
	u32 family;
	const char *cgroup;
	int rule; /* index of the matching rule, -1 for the default */
};

static const char match_policy[] =
	"default audit\n"
	"deny op=sqpoll exe=/usr/bin/curing\n" /* 0 */
	"allow op=open,read ctx=iowq uid=1000\n" /* 1 */
	"deny op=open path=/etc\n" /* 2 */
	"audit ctx=sqpoll auid=unset\n" /* 3 */
	"allow op=connect gid=100\n" /* 4 */
	"deny opcode=openat2\n" /* 5 */
	"allow op=open cgroup=/system.slice/db.service\n" /* 6 */
	"deny op=read path=/gone/away\n" /* 7 */
	"deny op=send family=inet6\n" /* 8 */
	"deny path=/\n"; /* 9 */

#define OPCODE_OPENAT 18
#define OPCODE_OPENAT2 28
#define NO_OPCODE URINGAUDIT_NO_OPCODE

static const struct match_case match_cases[] = {
	{ "exe matches", URINGAUDIT_OP_SQPOLL, NO_OPCODE, URINGAUDIT_CTX_INLINE,
	  .exe = "/usr/bin/curing", .rule = 0 },
	{ "exe differs", URINGAUDIT_OP_SQPOLL, NO_OPCODE, URINGAUDIT_CTX_INLINE,
	  .exe = "/usr/bin/curing2", .rule = -1 },
	{ "uid and ctx match", URINGAUDIT_OP_READ, 22, URINGAUDIT_CTX_IOWQ,
	  .uid = 1000, .path = "/etc/x", .rule = 1 },
	{ "first match wins", URINGAUDIT_OP_OPEN, OPCODE_OPENAT,
	  URINGAUDIT_CTX_IOWQ, .uid = 1000, .path = "/etc/x", .rule = 1 },
	{ "under a directory", URINGAUDIT_OP_OPEN, OPCODE_OPENAT,
	  URINGAUDIT_CTX_INLINE, .path = "/etc/passwd", .rule = 2 },
	{ "the directory itself", URINGAUDIT_OP_OPEN, OPCODE_OPENAT,
	  URINGAUDIT_CTX_TASKWORK, .path = "/etc", .rule = 2 },
	{ "identity is per object, not per prefix", URINGAUDIT_OP_OPEN,
	  OPCODE_OPENAT, URINGAUDIT_CTX_INLINE, .path = "/etcetera",
	  .rule = 9 },
	{ "auid unset", URINGAUDIT_OP_SEND, NO_OPCODE, URINGAUDIT_CTX_SQPOLL,
	  .auid = URINGAUDIT_AUID_UNSET, .rule = 3 },
	{ "auid set", URINGAUDIT_OP_SEND, NO_OPCODE, URINGAUDIT_CTX_SQPOLL,
	  .auid = 1000, .family = 2, .rule = -1 },
	{ "gid", URINGAUDIT_OP_CONNECT, 16, URINGAUDIT_CTX_IOWQ, .gid = 100,
	  .rule = 4 },
	{ "opcode", URINGAUDIT_OP_OPEN, OPCODE_OPENAT2, URINGAUDIT_CTX_INLINE,
	  .path = "/tmp/x", .rule = 5 },
	{ "another opcode of the class", URINGAUDIT_OP_OPEN, OPCODE_OPENAT,
	  URINGAUDIT_CTX_INLINE, .path = "/tmp/x", .rule = 9 },
	{ "cgroup prefix", URINGAUDIT_OP_OPEN, OPCODE_OPENAT,
	  URINGAUDIT_CTX_INLINE, .path = "/tmp/x",
	  .cgroup = "/system.slice/db.service/sub", .rule = 6 },
	{ "cgroup prefix is per component", URINGAUDIT_OP_OPEN, OPCODE_OPENAT,
	  URINGAUDIT_CTX_INLINE, .path = "/tmp/x",
	  .cgroup = "/system.slice/db.service2", .rule = 9 },
	{ "a path not there when loaded, by name", URINGAUDIT_OP_READ, 22,
	  URINGAUDIT_CTX_INLINE, .path = "/gone/away/f", .rule = 7 },
	{ "family", URINGAUDIT_OP_SEND, 26, URINGAUDIT_CTX_INLINE, .auid = 1000,
	  .family = 10, .rule = 8 },
	{ "root path covers every file", URINGAUDIT_OP_MKDIR, 37,
	  URINGAUDIT_CTX_IOWQ, .path = "/tmp/d", .rule = 9 },
	{ "path rules skip socket ops", URINGAUDIT_OP_CONNECT, 16,
	  URINGAUDIT_CTX_IOWQ, .family = 2, .rule = -1 },
	{ "no context never matches", URINGAUDIT_OP_OPEN, OPCODE_OPENAT,
	  URINGAUDIT_CTX_NONE, .path = "/etc", .rule = -1 },
};

static void match_case_desc(const struct match_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(match, match_cases, match_case_desc);

static void subject_of(const struct match_case *c, struct uringaudit_subject *s,
		       struct object *o)
{
	memset(s, 0, sizeof(*s));
	s->op = c->op;
	s->opcode = c->opcode;
	s->ctx = c->ctx;
	s->uid = c->uid;
	s->gid = c->gid;
	s->auid = c->auid;
	s->family = c->family;
	s->cgroup = c->cgroup;
	if (c->exe)
		fake_key(c->exe, strlen(c->exe), &s->exe);
	else
		s->state[ilog2(URINGAUDIT_MATCH_EXE)] = URINGAUDIT_VALUE_ABSENT;
	if (!c->cgroup)
		s->state[ilog2(URINGAUDIT_MATCH_CGROUP)] =
			URINGAUDIT_VALUE_ABSENT;
	if (c->path) {
		object_at(s, o, c->path);
	} else {
		s->state[ilog2(URINGAUDIT_MATCH_PATH)] =
			URINGAUDIT_VALUE_ABSENT;
		s->state[ilog2(URINGAUDIT_MATCH_PATH_NAME)] =
			URINGAUDIT_VALUE_ABSENT;
	}
	s->state[ilog2(URINGAUDIT_MATCH_ADDR)] = URINGAUDIT_VALUE_ABSENT;
	s->state[ilog2(URINGAUDIT_MATCH_PORT)] = URINGAUDIT_VALUE_ABSENT;
}

static void test_match(struct kunit *const test)
{
	const struct match_case *c = test->param_value;
	struct uringaudit_policy *pol = load(test, match_policy);
	struct uringaudit_subject subj;
	struct object o;

	subject_of(c, &subj, &o);
	KUNIT_EXPECT_EQ(test, c->rule, verdict_rule(pol, &subj));
	uringaudit_policy_free(pol);
}

#define OPEN URINGAUDIT_OP_OPEN
#define CONNECT URINGAUDIT_OP_CONNECT
#define INLINE URINGAUDIT_CTX_INLINE
#define IOWQ URINGAUDIT_CTX_IOWQ
#define SQPOLL URINGAUDIT_CTX_SQPOLL
#define PATH_STATE ilog2(URINGAUDIT_MATCH_PATH)

/*
 * An op whose object is still to come waits for it when a rule on the
 * object comes first; a rule before it that matches on what the op has
 * decides at once.
 */
static void test_object_to_come(struct kunit *const test)
{
	struct uringaudit_policy *pol = load(test,
					     "deny opcode=openat2\n" /* 0 */
					     "allow op=open path=/tmp\n" /* 1 */
					     "deny op=open\n"); /* 2 */
	struct uringaudit_subject subj = { .op = OPEN, .ctx = INLINE };
	struct object o;

	subj.state[PATH_STATE] = URINGAUDIT_VALUE_PENDING;
	subj.opcode = OPCODE_OPENAT2;
	KUNIT_EXPECT_EQ(test, 0, verdict_rule(pol, &subj));
	subj.opcode = OPCODE_OPENAT;
	KUNIT_EXPECT_EQ(test, -2, verdict_rule(pol, &subj));
	/* The hook shows the object: the decision is made. */
	subj.state[PATH_STATE] = URINGAUDIT_VALUE_KNOWN;
	object_at(&subj, &o, "/tmp/x");
	KUNIT_EXPECT_EQ(test, 1, verdict_rule(pol, &subj));
	object_at(&subj, &o, "/etc/x");
	KUNIT_EXPECT_EQ(test, 2, verdict_rule(pol, &subj));
	/* No hook showed one: rules on it do not match. */
	subj.state[PATH_STATE] = URINGAUDIT_VALUE_ABSENT;
	KUNIT_EXPECT_EQ(test, 2, verdict_rule(pol, &subj));
	uringaudit_policy_free(pol);
}

/* A value that failed: deny and audit rules on it match, allow rules not. */
static void test_failed_value_fails_closed(struct kunit *const test)
{
	struct uringaudit_policy *pol =
		load(test, "allow op=open path=/tmp\n" /* 0 */
			   "audit op=open cgroup=/ci\n" /* 1 */
			   "deny op=open path=/etc\n"); /* 2 */
	struct uringaudit_subject subj = { .op = OPEN, .ctx = INLINE };
	struct uringaudit_verdict v;

	subj.state[ilog2(URINGAUDIT_MATCH_CGROUP)] = URINGAUDIT_VALUE_ABSENT;
	subj.state[PATH_STATE] = URINGAUDIT_VALUE_FAILED;
	uringaudit_policy_match(pol, &subj, &v);
	KUNIT_EXPECT_PTR_EQ(test, &pol->rules[2], v.rule);
	KUNIT_EXPECT_EQ(test, URINGAUDIT_MATCH_PATH, v.failed);
	/* A known value that does not match settles a rule all the same. */
	subj.state[ilog2(URINGAUDIT_MATCH_CGROUP)] = URINGAUDIT_VALUE_FAILED;
	uringaudit_policy_match(pol, &subj, &v);
	KUNIT_EXPECT_PTR_EQ(test, &pol->rules[1], v.rule);
	KUNIT_EXPECT_EQ(test, URINGAUDIT_MATCH_CGROUP, v.failed);
	uringaudit_policy_free(pol);
}

/* An object is the same whatever name reaches it; a copy is another. */
static void test_identity_not_name(struct kunit *const test)
{
	struct uringaudit_policy *pol = load(test, "deny op=open path=/etc\n");
	struct uringaudit_subject subj = { .op = OPEN, .ctx = INLINE };
	struct uringaudit_key keys[2];

	/* "/passwd" in a chroot at /etc: its parent is the rule's /etc. */
	fake_key("/etc/passwd", 11, &keys[0]);
	fake_key("/etc", 4, &keys[1]);
	subj.obj = keys;
	subj.nr_obj = 2;
	subj.path = "/passwd";
	KUNIT_EXPECT_EQ(test, 0, verdict_rule(pol, &subj));
	/* "/etc/passwd" of another tree (a bind mount of a copy): not it. */
	fake_key("/x/passwd", 9, &keys[0]);
	fake_key("/x", 2, &keys[1]);
	subj.path = "/etc/passwd";
	KUNIT_EXPECT_EQ(test, -1, verdict_rule(pol, &subj));
	uringaudit_policy_free(pol);
}

static void test_addresses(struct kunit *const test)
{
	struct uringaudit_policy *pol =
		load(test, "allow op=connect addr=127.0.0.0/8 port=4000-4999\n"
			   "allow op=connect addr=::1 port=53\n"
			   "allow op=connect addr=@db\n"
			   "deny op=connect\n");
	struct uringaudit_subject subj = { .op = CONNECT, .ctx = IOWQ };
	static const u8 v6_one[16] = { [15] = 1 };

	subj.addr.family = URINGAUDIT_AF_INET;
	subj.family = URINGAUDIT_AF_INET;
	memcpy(subj.addr.ip, "\x7f\x00\x00\x05", 4);
	subj.port = 4444;
	KUNIT_EXPECT_EQ(test, 0, verdict_rule(pol, &subj));
	subj.port = 5000;
	KUNIT_EXPECT_EQ(test, 3, verdict_rule(pol, &subj));
	memcpy(subj.addr.ip, "\x80\x00\x00\x05", 4);
	subj.port = 4444;
	KUNIT_EXPECT_EQ(test, 3, verdict_rule(pol, &subj));
	subj.addr.family = URINGAUDIT_AF_INET6;
	subj.family = URINGAUDIT_AF_INET6;
	memcpy(subj.addr.ip, v6_one, 16);
	subj.port = 53;
	KUNIT_EXPECT_EQ(test, 1, verdict_rule(pol, &subj));
	subj.addr.family = URINGAUDIT_AF_UNIX;
	subj.family = URINGAUDIT_AF_UNIX;
	subj.addr.unix_path = "@db";
	subj.addr.unix_len = 3;
	KUNIT_EXPECT_EQ(test, 2, verdict_rule(pol, &subj));
	subj.addr.unix_path = "@dbx";
	subj.addr.unix_len = 4;
	KUNIT_EXPECT_EQ(test, 3, verdict_rule(pol, &subj));
	uringaudit_policy_free(pol);
}

/* An op that no rule names has no candidates, whatever the rule count. */
static void test_index_skips_other_ops(struct kunit *const test)
{
	struct uringaudit_policy *pol =
		load(test, "deny op=connect\ndeny op=connect ctx=iowq\n"
			   "audit ctx=sqpoll\n");

	KUNIT_EXPECT_EQ(test, 0, pol->nr_index[OPEN][INLINE]);
	KUNIT_EXPECT_EQ(test, 1, pol->nr_index[OPEN][SQPOLL]);
	KUNIT_EXPECT_EQ(test, 2, pol->nr_index[CONNECT][IOWQ]);
	KUNIT_EXPECT_EQ(test, 0, pol->needs[CONNECT][IOWQ]);
	uringaudit_policy_free(pol);
}

/* Keyed rules sit in hash groups, yet the first rule in the text wins. */
static void test_keyed_rules_keep_order(struct kunit *const test)
{
	struct uringaudit_policy *pol =
		load(test, "deny op=open path=/etc\n" /* 0 */
			   "allow op=open uid=0\n" /* 1 */
			   "audit op=open\n" /* 2 */
			   "deny op=open uid=0 exe=/bin/sh\n"); /* 3 */
	struct uringaudit_subject subj = { .op = OPEN, .ctx = INLINE };
	struct object o;

	fake_key("/bin/sh", 7, &subj.exe);
	object_at(&subj, &o, "/etc/x");
	KUNIT_EXPECT_EQ(test, 0, verdict_rule(pol, &subj));
	object_at(&subj, &o, "/tmp/x");
	KUNIT_EXPECT_EQ(test, 1, verdict_rule(pol, &subj));
	subj.uid = 5;
	KUNIT_EXPECT_EQ(test, 2, verdict_rule(pol, &subj));
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
	pol = load(test, text);
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
	KUNIT_EXPECT_EQ(test, -1, verdict_rule(pol, &subj));
	subj.uid = 10007;
	KUNIT_EXPECT_EQ(test, 7, verdict_rule(pol, &subj));
	uringaudit_policy_free(pol);
}

static struct kunit_case uringaudit_policy_cases[] = {
	KUNIT_CASE_PARAM(test_parse, parse_gen_params),
	KUNIT_CASE(test_normal_form_is_stable),
	KUNIT_CASE(test_every_error_reported),
	KUNIT_CASE(test_too_big),
	KUNIT_CASE(test_too_many_rules),
	KUNIT_CASE_PARAM(test_match, match_gen_params),
	KUNIT_CASE(test_object_to_come),
	KUNIT_CASE(test_failed_value_fails_closed),
	KUNIT_CASE(test_identity_not_name),
	KUNIT_CASE(test_addresses),
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
