// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Policy parser
 *
 * A policy is text, one statement a line:
 *
 *	# comment
 *	default allow|audit|deny
 *	allow|audit|deny [op=LIST] [ctx=LIST] [uid=N] [gid=N] [auid=N|unset]
 *			 [exe=PATH] [path=PREFIX]
 *
 * The whole text is parsed into a new &struct uringaudit_policy; every
 * error is reported with its line and column, and any error rejects the
 * whole text.  This file builds in the kernel and in uringaudit-ctl.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/stdarg.h>
#include <linux/string.h>
#endif /* __KERNEL__ */

#include "policy.h"

const char *const uringaudit_op_names[__URINGAUDIT_OP_MAX] = {
	[URINGAUDIT_OP_OPEN] = "open",
	[URINGAUDIT_OP_READ] = "read",
	[URINGAUDIT_OP_WRITE] = "write",
	[URINGAUDIT_OP_TRUNCATE] = "truncate",
	[URINGAUDIT_OP_STATX] = "statx",
	[URINGAUDIT_OP_GETXATTR] = "getxattr",
	[URINGAUDIT_OP_SETXATTR] = "setxattr",
	[URINGAUDIT_OP_UNLINK] = "unlink",
	[URINGAUDIT_OP_RMDIR] = "rmdir",
	[URINGAUDIT_OP_RENAME] = "rename",
	[URINGAUDIT_OP_MKDIR] = "mkdir",
	[URINGAUDIT_OP_SYMLINK] = "symlink",
	[URINGAUDIT_OP_LINK] = "link",
	[URINGAUDIT_OP_FD_INSTALL] = "fd_install",
	[URINGAUDIT_OP_SOCKET] = "socket",
	[URINGAUDIT_OP_CONNECT] = "connect",
	[URINGAUDIT_OP_ACCEPT] = "accept",
	[URINGAUDIT_OP_BIND] = "bind",
	[URINGAUDIT_OP_LISTEN] = "listen",
	[URINGAUDIT_OP_SEND] = "send",
	[URINGAUDIT_OP_RECV] = "recv",
	[URINGAUDIT_OP_SHUTDOWN] = "shutdown",
	[URINGAUDIT_OP_URING_CMD] = "uring_cmd",
	[URINGAUDIT_OP_SETUP] = "setup",
	[URINGAUDIT_OP_SQPOLL] = "sqpoll",
	[URINGAUDIT_OP_OVERRIDE_CREDS] = "override_creds",
};

const char *const uringaudit_ctx_names[__URINGAUDIT_CTX_MAX] = {
	[URINGAUDIT_CTX_INLINE] = "inline",
	[URINGAUDIT_CTX_IOWQ] = "iowq",
	[URINGAUDIT_CTX_SQPOLL] = "sqpoll",
	[URINGAUDIT_CTX_NONE] = "none",
};

const char *const uringaudit_action_names[__URINGAUDIT_ACTION_MAX] = {
	[URINGAUDIT_ALLOW] = "allow",
	[URINGAUDIT_AUDIT] = "audit",
	[URINGAUDIT_DENY] = "deny",
};

/*
 * Operations that 6.12 cannot tell apart from another class: a rule naming
 * them would silently never match, so the parser says what to use instead.
 */
static const struct {
	const char *name;
	const char *why;
} merged_ops[] = {
	{ "fallocate",
	  "fallocate reaches the same hook as write: use op=write" },
	{ "splice",
	  "splice reaches the same hooks as read and write: use op=read,write" },
	{ "tee", "tee reaches no LSM hook and cannot be mediated" },
	{ "close", "close reaches no LSM hook and cannot be mediated" },
	{ "nop", "nop reaches no LSM hook and cannot be mediated" },
	{ "msg_ring", "msg_ring reaches no LSM hook and cannot be mediated" },
};

struct parser {
	const char *line_start;
	u32 line;
	int err;
	u32 nr_errors;
	uringaudit_parse_error_t report;
	void *arg;
};

/* A token: a run of bytes without blanks. */
struct token {
	const char *s;
	u32 len;
};

static int error(struct parser *p, const char *where, int err, const char *msg)
{
	if (!p->err)
		p->err = err;
	p->nr_errors++;
	if (p->report)
		p->report(p->arg, p->line, (u32)(where - p->line_start) + 1,
			  err, msg);
	return err;
}

static bool tok_eq(const struct token *t, const char *s)
{
	size_t n = strlen(s);

	return t->len == n && !memcmp(t->s, s, n);
}

static int lookup(const char *const *names, int nr, const char *s, u32 len)
{
	int i;

	for (i = 0; i < nr; i++)
		if (names[i] && strlen(names[i]) == len &&
		    !memcmp(names[i], s, len))
			return i;
	return -1;
}

static int parse_action(struct parser *p, const struct token *t,
			const char *msg)
{
	int a = lookup(uringaudit_action_names, __URINGAUDIT_ACTION_MAX, t->s,
		       t->len);

	if (a < 0)
		return error(p, t->s, -EBADMSG, msg);
	return a;
}

/* Parse a decimal u32 in [0, 4294967294] (4294967295 means "unset"). */
static int parse_id(struct parser *p, const struct token *v, u32 *out)
{
	u64 n = 0;
	u32 i;

	if (!v->len)
		return error(p, v->s, -EBADMSG, "expected a number");
	for (i = 0; i < v->len; i++) {
		if (v->s[i] < '0' || v->s[i] > '9')
			return error(p, v->s + i, -EBADMSG,
				     "expected a decimal number");
		n = n * 10 + (u64)(v->s[i] - '0');
		if (n > 4294967294ULL)
			return error(p, v->s, -ERANGE,
				     "number out of range (0 to 4294967294)");
	}
	*out = (u32)n;
	return 0;
}

static int parse_list(struct parser *p, const struct token *v,
		      const char *const *names, int nr, u64 *mask,
		      const char *what)
{
	const char *s = v->s, *end = v->s + v->len;
	u32 i;

	*mask = 0;
	while (s <= end) {
		const char *comma = s;
		int idx;

		while (comma < end && *comma != ',')
			comma++;
		if (comma == s)
			return error(p, s, -EBADMSG, "empty list item");
		idx = lookup(names, nr, s, (u32)(comma - s));
		if (idx < 0) {
			for (i = 0; i < ARRAY_SIZE(merged_ops); i++)
				if (strlen(merged_ops[i].name) ==
					    (size_t)(comma - s) &&
				    !memcmp(merged_ops[i].name, s, comma - s))
					return error(p, s, -EBADMSG,
						     merged_ops[i].why);
			return error(p, s, -EBADMSG, what);
		}
		if (*mask & BIT_ULL(idx))
			return error(p, s, -EBADMSG, "listed twice");
		*mask |= BIT_ULL(idx);
		s = comma + 1;
	}
	return 0;
}

static int parse_path(struct parser *p, const struct token *v, char **out,
		      u32 *out_len)
{
	char *dup;

	if (!v->len || v->s[0] != '/')
		return error(p, v->s, -EBADMSG, "expected an absolute path");
	if (v->len > URINGAUDIT_POLICY_MAX_PATH)
		return error(p, v->s, -ENAMETOOLONG, "path too long");
	/* Records quote rules: a quote inside would end the field. */
	if (memchr(v->s, '"', v->len))
		return error(p, (const char *)memchr(v->s, '"', v->len),
			     -EBADMSG, "'\"' cannot appear in a path");
	dup = kmalloc(v->len + 1, GFP_KERNEL);
	if (!dup)
		return error(p, v->s, -ENOMEM, "out of memory");
	memcpy(dup, v->s, v->len);
	dup[v->len] = '\0';
	*out = dup;
	*out_len = v->len;
	return 0;
}

static const char *const key_names[] = {
	"op", "ctx", "uid", "gid", "auid", "exe", "path",
};

enum { KEY_OP, KEY_CTX, KEY_UID, KEY_GID, KEY_AUID, KEY_EXE, KEY_PATH };

static int parse_property(struct parser *p, struct uringaudit_rule *r,
			  const struct token *t, u32 *seen)
{
	const char *eq = memchr(t->s, '=', t->len);
	struct token k, v;
	u64 mask;
	int key, ret;

	if (!eq)
		return error(p, t->s, -EBADMSG, "expected key=value");
	k.s = t->s;
	k.len = (u32)(eq - t->s);
	v.s = eq + 1;
	v.len = t->len - k.len - 1;
	key = lookup(key_names, ARRAY_SIZE(key_names), k.s, k.len);
	if (key < 0)
		return error(p, t->s, -EBADMSG, "unknown key");
	if (*seen & BIT(key))
		return error(p, t->s, -EBADMSG, "key given twice");
	*seen |= BIT(key);
	if (!v.len)
		return error(p, v.s, -EBADMSG, "empty value");

	switch (key) {
	case KEY_OP:
		ret = parse_list(p, &v, uringaudit_op_names,
				 __URINGAUDIT_OP_MAX, &r->ops,
				 "unknown op class or event");
		break;
	case KEY_CTX:
		ret = parse_list(p, &v, uringaudit_ctx_names,
				 URINGAUDIT_NR_RULE_CTX, &mask,
				 "unknown context (inline, iowq, sqpoll)");
		r->ctxs = (u32)mask;
		break;
	case KEY_UID:
		r->match |= URINGAUDIT_MATCH_UID;
		ret = parse_id(p, &v, &r->uid);
		break;
	case KEY_GID:
		r->match |= URINGAUDIT_MATCH_GID;
		ret = parse_id(p, &v, &r->gid);
		break;
	case KEY_AUID:
		r->match |= URINGAUDIT_MATCH_AUID;
		if (tok_eq(&v, "unset")) {
			r->auid = URINGAUDIT_AUID_UNSET;
			ret = 0;
		} else {
			ret = parse_id(p, &v, &r->auid);
		}
		break;
	case KEY_EXE:
		r->match |= URINGAUDIT_MATCH_EXE;
		ret = parse_path(p, &v, &r->exe, &r->exe_len);
		break;
	default:
		r->match |= URINGAUDIT_MATCH_PATH;
		ret = parse_path(p, &v, &r->path, &r->path_len);
		/* "/a/" and "/a" name the same subtree. */
		while (!ret && r->path_len > 1 &&
		       r->path[r->path_len - 1] == '/')
			r->path[--r->path_len] = '\0';
		break;
	}
	return ret;
}

/* Check the text is UTF-8 without NUL or control bytes but tab and EOL. */
static int check_bytes(struct parser *p, const char *s, const char *end)
{
	while (s < end) {
		unsigned char c = (unsigned char)*s;
		u32 n, i;

		if (c == '\n')
			return 0;
		if (c < 0x20 && c != '\t' && c != '\r')
			return error(p, s, -EBADMSG,
				     c ? "control character" : "NUL byte");
		if (c == 0x7f)
			return error(p, s, -EBADMSG, "control character");
		if (c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3;
		else
			return error(p, s, -EBADMSG, "invalid UTF-8");
		if (end - s <= n)
			return error(p, s, -EBADMSG, "invalid UTF-8");
		for (i = 1; i <= n; i++)
			if (((unsigned char)s[i] & 0xc0) != 0x80)
				return error(p, s, -EBADMSG, "invalid UTF-8");
		/* Overlong forms and surrogates. */
		if ((c == 0xe0 && (unsigned char)s[1] < 0xa0) ||
		    (c == 0xed && (unsigned char)s[1] > 0x9f) ||
		    (c == 0xf0 && (unsigned char)s[1] < 0x90) ||
		    (c == 0xf4 && (unsigned char)s[1] > 0x8f))
			return error(p, s, -EBADMSG, "invalid UTF-8");
		s += n + 1;
	}
	return 0;
}

/* Split a line into tokens, up to a comment; return how many. */
static u32 tokenize(const char *s, const char *end, struct token *toks, u32 max,
		    bool *too_many)
{
	u32 n = 0;

	*too_many = false;
	for (;;) {
		while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
			s++;
		if (s == end || *s == '#')
			return n;
		if (n == max) {
			*too_many = true;
			return n;
		}
		toks[n].s = s;
		while (s < end && *s != ' ' && *s != '\t' && *s != '\r')
			s++;
		toks[n].len = (u32)(s - toks[n].s);
		n++;
	}
}

static void rule_release(struct uringaudit_rule *r)
{
	kfree(r->exe);
	kfree(r->path);
}

#define ACTION_WORDS "expected default, allow, audit or deny"

static void parse_default(struct parser *p, struct uringaudit_policy *pol,
			  const struct token *toks, u32 n, bool have_default)
{
	int ret;

	if (n != 2) {
		error(p, toks[0].s, -EBADMSG,
		      "expected \"default allow|audit|deny\"");
		return;
	}
	if (have_default) {
		error(p, toks[0].s, -EBADMSG, "second default");
		return;
	}
	ret = parse_action(p, &toks[1], "expected allow, audit or deny");
	if (ret >= 0)
		pol->default_action = ret;
}

/* Longest line: an action and one token per key. */
#define MAX_TOKENS (1 + ARRAY_SIZE(key_names))

static int parse_rule(struct parser *p, struct uringaudit_rule *r,
		      const struct token *toks, u32 n)
{
	u32 seen = 0, i;
	int ret = 0;

	r->line = p->line;
	for (i = 1; i < n; i++)
		if (parse_property(p, r, &toks[i], &seen))
			ret = -EBADMSG;
	if (ret)
		return ret;
	if ((r->match & URINGAUDIT_MATCH_PATH) &&
	    (r->ops & ~URINGAUDIT_FILE_OPS))
		return error(p, toks[0].s, -EBADMSG,
			     "path= applies to file ops only");
	return 0;
}

/*
 * The key a rule is indexed by: the first of uid, auid, gid, exe and path
 * it matches on, and the value of it (@hash); 0 for a rule without one.
 */
static u32 rule_key(const struct uringaudit_rule *r, u32 *hash)
{
	if (r->match & URINGAUDIT_MATCH_UID) {
		*hash = r->uid;
		return URINGAUDIT_MATCH_UID;
	}
	if (r->match & URINGAUDIT_MATCH_AUID) {
		*hash = r->auid;
		return URINGAUDIT_MATCH_AUID;
	}
	if (r->match & URINGAUDIT_MATCH_GID) {
		*hash = r->gid;
		return URINGAUDIT_MATCH_GID;
	}
	if (r->match & URINGAUDIT_MATCH_EXE) {
		*hash = uringaudit_str_hash(r->exe, r->exe_len);
		return URINGAUDIT_MATCH_EXE;
	}
	if (r->match & URINGAUDIT_MATCH_PATH) {
		*hash = uringaudit_str_hash(r->path, r->path_len);
		return URINGAUDIT_MATCH_PATH;
	}
	return 0;
}

/*
 * Visit the op and context slots of rule @i: note what it matches on, and
 * count it in the lists of the slots if it has no key, when @fill is
 * false; append it to those lists when true.  Returns the count.
 */
static u32 index_rule(struct uringaudit_policy *pol, u32 i, bool fill)
{
	const struct uringaudit_rule *r = &pol->rules[i];
	const u64 ops = uringaudit_rule_ops(r);
	const u32 ctxs = uringaudit_rule_ctxs(r);
	u32 op, ctx, hash, kind = rule_key(r, &hash), n = 0;

	for (op = 0; op < __URINGAUDIT_OP_MAX; op++) {
		if (!(ops & BIT_ULL(op)))
			continue;
		for (ctx = 0; ctx < URINGAUDIT_NR_RULE_CTX; ctx++) {
			u32 *nr = &pol->nr_index[op][ctx];

			if (!(ctxs & BIT(ctx)))
				continue;
			if (!fill) {
				pol->needs[op][ctx] |= r->match;
				pol->keys[op][ctx] |= kind;
			}
			if (kind)
				continue;
			if (fill)
				((u32 *)pol->index[op][ctx])[*nr] = i;
			(*nr)++;
			n++;
		}
	}
	return n;
}

/* The per-op, per-context lists of the rules without a key. */
static int build_lists(struct uringaudit_policy *pol)
{
	u32 op, ctx, i, total = 0, *pos;

	for (i = 0; i < pol->nr_rules; i++)
		total += index_rule(pol, i, false);
	if (!total)
		return 0;
	pol->index_mem = kvcalloc(total, sizeof(u32), GFP_KERNEL);
	if (!pol->index_mem)
		return -ENOMEM;
	pos = pol->index_mem;
	for (op = 0; op < __URINGAUDIT_OP_MAX; op++) {
		for (ctx = 0; ctx < URINGAUDIT_NR_RULE_CTX; ctx++) {
			pol->index[op][ctx] = pos;
			pos += pol->nr_index[op][ctx];
			pol->nr_index[op][ctx] = 0;
		}
	}
	for (i = 0; i < pol->nr_rules; i++)
		index_rule(pol, i, true);
	return 0;
}

/*
 * The hash table of the keyed rules: a group per key and value, holding
 * its rules in the order of the policy.
 */
static int build_keys(struct uringaudit_policy *pol)
{
	u32 i, hash, kind, nr_keyed = 0, nr_groups = 0, size = 2, pos = 0;
	struct uringaudit_key_group *g;
	u32 *slot;

	for (i = 0; i < pol->nr_rules; i++)
		nr_keyed += !!rule_key(&pol->rules[i], &hash);
	if (!nr_keyed)
		return 0;
	while (size < 4 * nr_keyed)
		size *= 2;
	pol->table = kvcalloc(size, sizeof(u32), GFP_KERNEL);
	pol->groups = kvcalloc(nr_keyed, sizeof(*pol->groups), GFP_KERNEL);
	pol->key_rules = kvcalloc(nr_keyed, sizeof(u32), GFP_KERNEL);
	if (!pol->table || !pol->groups || !pol->key_rules)
		return -ENOMEM;
	pol->table_mask = size - 1;

	/* Count the rules of each group, then place them, in order. */
	for (i = 0; i < pol->nr_rules; i++) {
		kind = rule_key(&pol->rules[i], &hash);
		if (!kind)
			continue;
		slot = uringaudit_policy_slot(pol, kind, hash);
		if (!*slot) {
			*slot = ++nr_groups;
			pol->groups[*slot - 1].kind = kind;
			pol->groups[*slot - 1].hash = hash;
		}
		pol->groups[*slot - 1].count++;
	}
	for (i = 0; i < nr_groups; i++) {
		pol->groups[i].first = pos;
		pos += pol->groups[i].count;
		pol->groups[i].count = 0;
	}
	for (i = 0; i < pol->nr_rules; i++) {
		kind = rule_key(&pol->rules[i], &hash);
		if (!kind)
			continue;
		g = &pol->groups[*uringaudit_policy_slot(pol, kind, hash) - 1];
		pol->key_rules[g->first + g->count++] = i;
	}
	return 0;
}

/* Count the lines that may hold a rule, to size the rule array once. */
static u32 count_lines(const char *text, size_t len)
{
	u32 n = 1;
	size_t i;

	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			n++;
	return n;
}

/**
 * uringaudit_policy_parse() - Parse a policy text
 * @text: The text; need not be NUL-terminated.
 * @len: Its length in bytes.
 * @report: Called for every error found, or NULL.
 * @arg: Passed to @report.
 *
 * The text is parsed to its end even after an error, so that @report hears
 * of every error in one pass.
 *
 * Return: The new policy, to be freed with uringaudit_policy_free(), or an
 * ERR_PTR() of the first error:
 *
 * * %-EINVAL - The text holds no statement at all.
 * * %-EBADMSG - A syntax error, an unknown key, op, context or action, a key
 *   given twice, bytes that are not UTF-8 text, or a second default.
 * * %-ERANGE - A number out of range.
 * * %-ENAMETOOLONG - A path longer than %URINGAUDIT_POLICY_MAX_PATH.
 * * %-EFBIG - A text longer than %URINGAUDIT_POLICY_MAX_SIZE.
 * * %-E2BIG - More than %URINGAUDIT_POLICY_MAX_RULES rules.
 * * %-ENOMEM - Out of memory.
 */
struct uringaudit_policy *
uringaudit_policy_parse(const char *text, size_t len,
			uringaudit_parse_error_t report, void *arg)
{
	struct parser p = { .report = report, .arg = arg };
	const char *s = text, *end = text + len;
	struct uringaudit_policy *pol;
	struct token toks[MAX_TOKENS];
	bool have_default = false, too_many;
	u32 max_rules, n;
	int ret;

	if (len > URINGAUDIT_POLICY_MAX_SIZE) {
		p.line_start = text;
		p.line = 1;
		error(&p, text, -EFBIG, "policy larger than 1 MiB");
		return ERR_PTR(-EFBIG);
	}
	pol = kzalloc(sizeof(*pol), GFP_KERNEL);
	if (!pol)
		return ERR_PTR(-ENOMEM);
	max_rules = count_lines(text, len);
	if (max_rules > URINGAUDIT_POLICY_MAX_RULES + 1)
		max_rules = URINGAUDIT_POLICY_MAX_RULES + 1;
	pol->rules = kvcalloc(max_rules, sizeof(*pol->rules), GFP_KERNEL);
	if (!pol->rules) {
		kfree(pol);
		return ERR_PTR(-ENOMEM);
	}

	while (s < end) {
		const char *eol = memchr(s, '\n', end - s);

		if (!eol)
			eol = end;
		p.line++;
		p.line_start = s;
		if (check_bytes(&p, s, eol)) {
			s = eol + 1;
			continue;
		}
		n = tokenize(s, eol, toks, MAX_TOKENS, &too_many);
		if (too_many) {
			error(&p, toks[MAX_TOKENS - 1].s, -EBADMSG,
			      "too many words: each key may appear once");
		} else if (!n) {
			/* Blank or comment. */
		} else if (tok_eq(&toks[0], "default")) {
			parse_default(&p, pol, toks, n, have_default);
			have_default = true;
		} else {
			struct uringaudit_rule *r;

			ret = parse_action(&p, &toks[0], ACTION_WORDS);
			if (ret < 0)
				goto next;
			if (pol->nr_rules == URINGAUDIT_POLICY_MAX_RULES) {
				error(&p, toks[0].s, -E2BIG,
				      "more than 16384 rules");
				break;
			}
			r = &pol->rules[pol->nr_rules++];
			r->action = ret;
			if (parse_rule(&p, r, toks, n)) {
				rule_release(r);
				memset(r, 0, sizeof(*r));
				pol->nr_rules--;
			}
		}
next:
		s = eol + 1;
	}

	if (!p.err && !have_default && !pol->nr_rules) {
		p.line_start = text;
		p.line = 1;
		error(&p, text, -EINVAL,
		      "no statement: to allow everything, load \"default allow\"");
	}
	if (!p.err) {
		ret = build_lists(pol);
		if (!ret)
			ret = build_keys(pol);
		if (ret) {
			uringaudit_policy_free(pol);
			return ERR_PTR(ret);
		}
		return pol;
	}
	ret = p.err;
	uringaudit_policy_free(pol);
	return ERR_PTR(ret);
}

/**
 * uringaudit_policy_free() - Free a policy
 * @policy: The policy, NULL or an ERR_PTR().
 */
void uringaudit_policy_free(struct uringaudit_policy *policy)
{
	u32 i;

	if (IS_ERR_OR_NULL(policy))
		return;
	for (i = 0; i < policy->nr_rules; i++)
		rule_release(&policy->rules[i]);
	kvfree(policy->rules);
	kvfree(policy->index_mem);
	kvfree(policy->table);
	kvfree(policy->groups);
	kvfree(policy->key_rules);
	kfree(policy);
}

/* snprintf() into what is left of a buffer, counting what would not fit. */
static void add(char *buf, size_t size, int *len, const char *fmt, ...)
	__printf(4, 5);

static void add(char *buf, size_t size, int *len, const char *fmt, ...)
{
	size_t used = (size_t)*len;
	va_list args;

	va_start(args, fmt);
	*len += vsnprintf(used < size ? buf + used : NULL,
			  used < size ? size - used : 0, fmt, args);
	va_end(args);
}

static void add_list(char *buf, size_t size, int *len, const char *key,
		     u64 mask, const char *const *names, u32 nr)
{
	const char *sep = "=";
	u32 i;

	if (!mask)
		return;
	add(buf, size, len, " %s", key);
	for (i = 0; i < nr; i++) {
		if (mask & BIT_ULL(i)) {
			add(buf, size, len, "%s%s", sep, names[i]);
			sep = ",";
		}
	}
}

/**
 * uringaudit_rule_format() - A rule in its normal form
 * @rule: The rule.
 * @buf: Where to write it, NUL-terminated; may be NULL when @size is 0.
 * @size: Size of @buf.
 *
 * Keys come in a fixed order, lists in the order of their enums, paths
 * without a trailing slash: two rules that mean the same read the same.
 *
 * Return: The length of the whole text, as snprintf() counts it.
 */
int uringaudit_rule_format(const struct uringaudit_rule *rule, char *buf,
			   size_t size)
{
	int len = 0;

	if (size)
		buf[0] = '\0';
	add(buf, size, &len, "%s", uringaudit_action_names[rule->action]);
	add_list(buf, size, &len, "op", rule->ops, uringaudit_op_names,
		 __URINGAUDIT_OP_MAX);
	add_list(buf, size, &len, "ctx", rule->ctxs, uringaudit_ctx_names,
		 URINGAUDIT_NR_RULE_CTX);
	if (rule->match & URINGAUDIT_MATCH_UID)
		add(buf, size, &len, " uid=%u", rule->uid);
	if (rule->match & URINGAUDIT_MATCH_GID)
		add(buf, size, &len, " gid=%u", rule->gid);
	if (rule->match & URINGAUDIT_MATCH_AUID) {
		if (rule->auid == URINGAUDIT_AUID_UNSET)
			add(buf, size, &len, " auid=unset");
		else
			add(buf, size, &len, " auid=%u", rule->auid);
	}
	if (rule->match & URINGAUDIT_MATCH_EXE)
		add(buf, size, &len, " exe=%s", rule->exe);
	if (rule->match & URINGAUDIT_MATCH_PATH)
		add(buf, size, &len, " path=%s", rule->path);
	return len;
}

/**
 * uringaudit_policy_format() - A policy in its normal form
 * @policy: The policy.
 * @buf: Where to write it, NUL-terminated; may be NULL when @size is 0.
 * @size: Size of @buf.
 *
 * The default comes first, then one rule a line; parsing the result gives
 * the same policy.
 *
 * Return: The length of the whole text, as snprintf() counts it.
 */
int uringaudit_policy_format(const struct uringaudit_policy *policy, char *buf,
			     size_t size)
{
	int len = 0;
	u32 i;

	if (size)
		buf[0] = '\0';
	add(buf, size, &len, "default %s\n",
	    uringaudit_action_names[policy->default_action]);
	for (i = 0; i < policy->nr_rules; i++) {
		size_t used = (size_t)len;

		len += uringaudit_rule_format(&policy->rules[i],
					      used < size ? buf + used : NULL,
					      used < size ? size - used : 0);
		add(buf, size, &len, "\n");
	}
	return len;
}
