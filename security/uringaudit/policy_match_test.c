// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - KUnit tests of the policy matcher and its index
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <kunit/test.h>
#include <linux/err.h>
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "policy.h"

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
	/* "/srv/file..." is a file: its directory and name count too. */
	if (!strncmp(r->path, "/srv/file", 9)) {
		r->leaf = kstrdup(strrchr(r->path, '/') + 1, GFP_KERNEL);
		fake_key("/srv", 4, &r->leaf_dir);
	}
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

/*
 * The object at @path, with the identity of the file at @ident when not
 * NULL (a hard link to it, or a file that replaced it).
 */
static void object_at(struct uringaudit_subject *s, struct object *o,
		      const char *path, const char *ident)
{
	size_t len = strlen(path);
	u32 n = 0;

	s->path = path;
	for (; len > 1 && n < ARRAY_SIZE(o->keys) - 1; len--)
		if (len == strlen(path) || path[len] == '/')
			fake_key(path, len, &o->keys[n++]);
	fake_key("/", 1, &o->keys[n++]);
	if (ident)
		fake_key(ident, strlen(ident), &o->keys[0]);
	s->obj = o->keys;
	s->nr_obj = n;
	s->obj_name = strrchr(path, '/') + 1;
	s->obj_dir = n > 1 ? &o->keys[1] : NULL;
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
	const char *ident; /* the file whose identity the object has */
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
	"deny op=write path=/srv/file.db\n" /* 9 */
	"deny path=/\n"; /* 10 */

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
	  .rule = 10 },
	{ "auid unset", URINGAUDIT_OP_SEND, NO_OPCODE, URINGAUDIT_CTX_SQPOLL,
	  .auid = URINGAUDIT_AUID_UNSET, .rule = 3 },
	{ "auid set", URINGAUDIT_OP_SEND, NO_OPCODE, URINGAUDIT_CTX_SQPOLL,
	  .auid = 1000, .family = 2, .rule = -1 },
	{ "gid", URINGAUDIT_OP_CONNECT, 16, URINGAUDIT_CTX_IOWQ, .gid = 100,
	  .rule = 4 },
	{ "opcode", URINGAUDIT_OP_OPEN, OPCODE_OPENAT2, URINGAUDIT_CTX_INLINE,
	  .path = "/tmp/x", .rule = 5 },
	{ "another opcode of the class", URINGAUDIT_OP_OPEN, OPCODE_OPENAT,
	  URINGAUDIT_CTX_INLINE, .path = "/tmp/x", .rule = 10 },
	{ "cgroup prefix", URINGAUDIT_OP_OPEN, OPCODE_OPENAT,
	  URINGAUDIT_CTX_INLINE, .path = "/tmp/x",
	  .cgroup = "/system.slice/db.service/sub", .rule = 6 },
	{ "cgroup prefix is per component", URINGAUDIT_OP_OPEN, OPCODE_OPENAT,
	  URINGAUDIT_CTX_INLINE, .path = "/tmp/x",
	  .cgroup = "/system.slice/db.service2", .rule = 10 },
	{ "a path not there when loaded, by name", URINGAUDIT_OP_READ, 22,
	  URINGAUDIT_CTX_INLINE, .path = "/gone/away/f", .rule = 7 },
	{ "family", URINGAUDIT_OP_SEND, 26, URINGAUDIT_CTX_INLINE, .auid = 1000,
	  .family = 10, .rule = 8 },
	{ "root path covers every file", URINGAUDIT_OP_MKDIR, 37,
	  URINGAUDIT_CTX_IOWQ, .path = "/tmp/d", .rule = 10 },
	{ "path rules skip socket ops", URINGAUDIT_OP_CONNECT, 16,
	  URINGAUDIT_CTX_IOWQ, .family = 2, .rule = -1 },
	{ "a file rule names the file", URINGAUDIT_OP_WRITE, 23,
	  URINGAUDIT_CTX_INLINE, .path = "/srv/file.db", .rule = 9 },
	{ "and the file that replaced it", URINGAUDIT_OP_WRITE, 23,
	  URINGAUDIT_CTX_INLINE, .path = "/srv/file.db", .ident = "/srv/new",
	  .rule = 9 },
	{ "and a hard link to it", URINGAUDIT_OP_WRITE, 23,
	  URINGAUDIT_CTX_INLINE, .path = "/tmp/link", .ident = "/srv/file.db",
	  .rule = 9 },
	{ "not another file of its directory", URINGAUDIT_OP_WRITE, 23,
	  URINGAUDIT_CTX_INLINE, .path = "/srv/file.db2", .rule = 10 },
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
		object_at(s, o, c->path, c->ident);
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
	object_at(&subj, &o, "/tmp/x", NULL);
	KUNIT_EXPECT_EQ(test, 1, verdict_rule(pol, &subj));
	object_at(&subj, &o, "/etc/x", NULL);
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

/* An IPv4 peer of an IPv6 socket is IPv4; IPv6 rules name its mapped form. */
static void test_ipv4_mapped(struct kunit *const test)
{
	struct uringaudit_policy *pol =
		load(test, "deny op=connect addr=10.0.0.0/8\n"
			   "audit op=connect addr=::ffff:c0a8:0/112\n");
	struct uringaudit_subject subj = { .op = CONNECT, .ctx = IOWQ };

	subj.addr.family = URINGAUDIT_AF_INET;
	subj.family = 10;
	memcpy(subj.addr.ip, "\x0a\x01\x02\x03", 4);
	KUNIT_EXPECT_EQ(test, 0, verdict_rule(pol, &subj));
	memcpy(subj.addr.ip, "\xc0\xa8\x07\x08", 4);
	KUNIT_EXPECT_EQ(test, 1, verdict_rule(pol, &subj));
	memcpy(subj.addr.ip, "\xc0\xa9\x07\x08", 4);
	KUNIT_EXPECT_EQ(test, -1, verdict_rule(pol, &subj));
	uringaudit_policy_free(pol);
}

/*
 * A unix socket path a rule resolved names the socket file, whatever path
 * the op used; one it did not resolve names the socket file's own path.
 */
static void test_unix_socket_by_identity(struct kunit *const test)
{
	struct uringaudit_policy *pol =
		load(test, "deny op=connect addr=/run/db.sock\n"
			   "deny op=connect addr=/run/other.sock\n");
	struct uringaudit_subject subj = { .op = CONNECT, .ctx = IOWQ };
	const struct uringaudit_key key = { .ino = 42, .dev = 8, .gen = 1 };

	pol->rules[0].addr.key = key;
	pol->rules[0].addr.has_key = true;
	pol->rules[0].resolved |= URINGAUDIT_RESOLVED_ADDR;
	subj.family = URINGAUDIT_AF_UNIX;
	subj.addr.family = URINGAUDIT_AF_UNIX;
	/* Reached under another name: the identity decides. */
	subj.addr.unix_path = "/tmp/alias.sock";
	subj.addr.unix_len = strlen(subj.addr.unix_path);
	subj.addr.key = key;
	subj.addr.has_key = true;
	KUNIT_EXPECT_EQ(test, 0, verdict_rule(pol, &subj));
	/* The rule's name, but another socket file now. */
	subj.addr.unix_path = "/run/db.sock";
	subj.addr.unix_len = strlen(subj.addr.unix_path);
	subj.addr.key.ino = 43;
	KUNIT_EXPECT_EQ(test, -1, verdict_rule(pol, &subj));
	/* Unresolved: the socket file's path. */
	subj.addr.unix_path = "/run/other.sock";
	subj.addr.unix_len = strlen(subj.addr.unix_path);
	KUNIT_EXPECT_EQ(test, 1, verdict_rule(pol, &subj));
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
	object_at(&subj, &o, "/etc/x", NULL);
	KUNIT_EXPECT_EQ(test, 0, verdict_rule(pol, &subj));
	object_at(&subj, &o, "/tmp/x", NULL);
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

static struct kunit_case uringaudit_match_cases[] = {
	KUNIT_CASE_PARAM(test_match, match_gen_params),
	KUNIT_CASE(test_object_to_come),
	KUNIT_CASE(test_failed_value_fails_closed),
	KUNIT_CASE(test_identity_not_name),
	KUNIT_CASE(test_addresses),
	KUNIT_CASE(test_ipv4_mapped),
	KUNIT_CASE(test_unix_socket_by_identity),
	KUNIT_CASE(test_index_skips_other_ops),
	KUNIT_CASE(test_keyed_rules_keep_order),
	KUNIT_CASE(test_index_skips_other_values),
	{}
};

static struct kunit_suite uringaudit_match_suite = {
	.name = "uringaudit_policy_match",
	.test_cases = uringaudit_match_cases,
};

kunit_test_suite(uringaudit_match_suite);
