// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Policy parser
 *
 * A policy is text, one statement a line:
 *
 *	# comment
 *	default allow|audit|deny
 *	unrecorded allow|deny
 *	allow|audit|deny [op=LIST] [opcode=LIST] [ctx=LIST] [uid=N] [gid=N]
 *			 [auid=N|unset] [exe=PATH] [path=PATH] [cgroup=PATH]
 *			 [family=LIST] [addr=ADDRESS] [port=N[-M]]
 *
 * The whole text is parsed into a new &struct uringaudit_policy; every
 * error is reported with its line and column, and any error rejects the
 * whole text.  The result is not indexed yet: the kernel first resolves
 * the objects that path= and exe= name (uringaudit_policy_index()).  This
 * file builds in the kernel and in uringaudit-ctl.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#endif /* __KERNEL__ */

#include "policy_parse.h"

/**
 * uringaudit_parse_error() - Report an error of a parse
 * @p: The parse.
 * @where: The byte it is at, on the current line.
 * @err: Its errno: -%EBADMSG, or -%ERANGE for a number out of range.
 * @msg: What is wrong, in words.
 *
 * The first error is the parse's result; every one is reported.
 *
 * Return: @err.
 */
int uringaudit_parse_error(struct uringaudit_parser *p, const char *where,
			   int err, const char *msg)
{
	if (!p->err)
		p->err = err;
	p->nr_errors++;
	if (p->report)
		p->report(p->arg, p->line, (u32)(where - p->line_start) + 1,
			  err, msg);
	return err;
}

static int parse_action(struct uringaudit_parser *p,
			const struct uringaudit_token *t, const char *msg)
{
	int a = uringaudit_lookup(uringaudit_action_names,
				  __URINGAUDIT_ACTION_MAX, t->s, t->len);

	if (a < 0)
		return error(p, t->s, -EBADMSG, msg);
	return a;
}

/* Check the text is UTF-8 without NUL or control bytes but tab and EOL. */
static int check_bytes(struct uringaudit_parser *p, const char *s,
		       const char *end)
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
static u32 tokenize(const char *s, const char *end,
		    struct uringaudit_token *toks, u32 max, bool *too_many)
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
	kfree(r->cgroup);
	kfree(r->addr.unix_path);
	kvfree(r->path_keys);
	kfree(r->leaf);
}

#define ACTION_WORDS "expected default, unrecorded, allow, audit or deny"

static void parse_default(struct uringaudit_parser *p,
			  struct uringaudit_policy *pol,
			  const struct uringaudit_token *toks, u32 n,
			  bool have_default)
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

/* unrecorded allow|deny: what becomes of an op whose record is lost. */
static void parse_unrecorded(struct uringaudit_parser *p,
			     struct uringaudit_policy *pol,
			     const struct uringaudit_token *toks, u32 n,
			     bool seen)
{
	if (n != 2) {
		error(p, toks[0].s, -EBADMSG,
		      "expected \"unrecorded allow|deny\"");
		return;
	}
	if (seen) {
		error(p, toks[0].s, -EBADMSG, "second unrecorded");
		return;
	}
	if (uringaudit_tok_eq(&toks[1], "allow"))
		pol->unrecorded = URINGAUDIT_ALLOW;
	else if (uringaudit_tok_eq(&toks[1], "deny"))
		pol->unrecorded = URINGAUDIT_DENY;
	else
		error(p, toks[1].s, -EBADMSG, "expected allow or deny");
}

/* Longest line: an action and one token per key. */
#define MAX_TOKENS (1 + URINGAUDIT_NR_KEYS)

/* What the keys of one rule say together. */
static int check_rule(struct uringaudit_parser *p,
		      const struct uringaudit_rule *r,
		      const struct uringaudit_token *start)
{
	const u32 sock = URINGAUDIT_MATCH_FAMILY | URINGAUDIT_MATCH_ADDR |
			 URINGAUDIT_MATCH_PORT;
	const u64 inet = BIT_ULL(URINGAUDIT_AF_INET) |
			 BIT_ULL(URINGAUDIT_AF_INET6);
	const struct uringaudit_addr *a = &r->addr;
	bool path = r->match & URINGAUDIT_MATCH_PATH;
	bool family = r->match & URINGAUDIT_MATCH_FAMILY;
	bool addr = r->match & URINGAUDIT_MATCH_ADDR;
	bool port = r->match & URINGAUDIT_MATCH_PORT;
	const char *why = NULL;

	if (path && (r->ops & ~URINGAUDIT_PATH_OPS))
		why = "path= applies to ops on files only";
	else if ((r->match & sock) && (r->ops & ~URINGAUDIT_SOCK_OPS))
		why = "family=, addr= and port= apply to socket ops only";
	else if (path && (r->match & sock))
		why = "path= and socket keys never apply to the same op";
	else if (family && addr && !(r->families & BIT_ULL(a->family)))
		why = "addr= is not of a family that family= names";
	else if (port && addr && a->family == URINGAUDIT_AF_UNIX)
		why = "a unix socket address has no port";
	else if (port && family && !(r->families & inet))
		why = "port= needs family=inet or inet6";
	else if (r->opcodes && r->ops && !(r->ops & ~URINGAUDIT_EVENTS))
		why = "events have no opcode: opcode= never matches them";
	return why ? error(p, start->s, -EBADMSG, why) : 0;
}

static int parse_rule(struct uringaudit_parser *p, struct uringaudit_rule *r,
		      const struct uringaudit_token *toks, u32 n)
{
	u32 seen = 0, i;
	int ret = 0;

	r->line = p->line;
	for (i = 1; i < n; i++)
		if (uringaudit_parse_key(p, r, &toks[i], &seen))
			ret = -EBADMSG;
	if (ret)
		return ret;
	return check_rule(p, r, &toks[0]);
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
 * of every error in one pass.  The policy is not indexed: the caller
 * resolves what it can of path= and exe=, then calls
 * uringaudit_policy_index().
 *
 * Return: The new policy, to be freed with uringaudit_policy_free(), or an
 * ERR_PTR() of the first error:
 *
 * * %-EINVAL - The text holds no statement at all.
 * * %-EBADMSG - A syntax error, an unknown key, op, opcode, context, family
 *   or action, a key given twice, keys that contradict each other, bytes
 *   that are not UTF-8 text, or a second default or unrecorded.
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
	struct uringaudit_parser p = { .report = report, .arg = arg };
	const char *s = text, *end = text + len;
	struct uringaudit_policy *pol;
	struct uringaudit_token toks[MAX_TOKENS];
	bool have_default = false, have_unrecorded = false, too_many;
	u32 max_rules, n;
	int ret;

	if (len > URINGAUDIT_POLICY_MAX_SIZE) {
		p.line_start = text;
		p.line = 1;
		error(&p, text, -EFBIG, "policy larger than 1 MiB");
		return ERR_PTR(-EFBIG);
	}
	pol = kzalloc(sizeof(*pol), GFP_KERNEL_ACCOUNT);
	if (!pol)
		return ERR_PTR(-ENOMEM);
	max_rules = count_lines(text, len);
	if (max_rules > URINGAUDIT_POLICY_MAX_RULES + 1)
		max_rules = URINGAUDIT_POLICY_MAX_RULES + 1;
	pol->rules =
		kvcalloc(max_rules, sizeof(*pol->rules), GFP_KERNEL_ACCOUNT);
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
		} else if (uringaudit_tok_eq(&toks[0], "default")) {
			parse_default(&p, pol, toks, n, have_default);
			have_default = true;
		} else if (uringaudit_tok_eq(&toks[0], "unrecorded")) {
			parse_unrecorded(&p, pol, toks, n, have_unrecorded);
			have_unrecorded = true;
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

	if (!p.err && !have_default && !have_unrecorded && !pol->nr_rules) {
		p.line_start = text;
		p.line = 1;
		error(&p, text, -EINVAL,
		      "no statement: to allow everything, load \"default allow\"");
	}
	if (!p.err)
		return pol;
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
	kvfree(policy->list_mem);
	kvfree(policy->table);
	kvfree(policy->groups);
	kvfree(policy->key_rules);
	kfree(policy);
}
