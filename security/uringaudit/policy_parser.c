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

#include "policy.h"

/*
 * Names that are not op classes: a rule naming them could never match, so
 * the parser says what to use instead.
 */
static const struct {
	const char *name;
	const char *why;
} not_ops[] = {
	{ "fallocate",
	  "fallocate is a write: use op=write or opcode=fallocate" },
	{ "splice",
	  "splice reads and writes: use op=read,write or opcode=splice" },
	{ "tee", "tee is a write of a pipe: use opcode=tee" },
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

/* A decimal number in [0, @max]; @range says what it is in the error. */
static int parse_number(struct parser *p, const struct token *v, u64 max,
			const char *range, u32 *out)
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
		if (n > max)
			return error(p, v->s, -ERANGE, range);
	}
	*out = (u32)n;
	return 0;
}

/* A user or group ID: 4294967295 means "unset" and is auid=unset's. */
static int parse_id(struct parser *p, const struct token *v, u32 *out)
{
	return parse_number(p, v, 4294967294ULL,
			    "number out of range (0 to 4294967294)", out);
}

static int op_item(const char *s, u32 len)
{
	return lookup(uringaudit_op_names, __URINGAUDIT_OP_MAX, s, len);
}

static int ctx_item(const char *s, u32 len)
{
	return lookup(uringaudit_ctx_names, URINGAUDIT_NR_CTX, s, len);
}

static int family_item(const char *s, u32 len)
{
	return uringaudit_family_lookup(s, len);
}

static int opcode_item(const char *s, u32 len)
{
	return uringaudit_opcode_lookup(s, len);
}

/**
 * struct list_kind - A key whose value is a comma-separated list
 * @item: Returns the bit of one item, or -1.
 * @what: The error for an item that is none.
 */
struct list_kind {
	int (*item)(const char *s, u32 len);
	const char *what;
};

static const struct list_kind op_list = {
	.item = op_item,
	.what = "unknown op class or event",
};

static const struct list_kind opcode_list = {
	.item = opcode_item,
	.what = "unknown opcode (an IORING_OP_ name in lower case)",
};

static const struct list_kind ctx_list = {
	.item = ctx_item,
	.what = "unknown context (inline, iowq, sqpoll, taskwork)",
};

static const struct list_kind family_list = {
	.item = family_item,
	.what = "unknown address family (unix, inet, inet6, netlink, packet, or a number)",
};

static int parse_list(struct parser *p, const struct token *v,
		      const struct list_kind *kind, u64 *mask)
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
		idx = kind->item(s, (u32)(comma - s));
		if (idx < 0) {
			for (i = 0; kind == &op_list && i < ARRAY_SIZE(not_ops);
			     i++)
				if (strlen(not_ops[i].name) ==
					    (size_t)(comma - s) &&
				    !memcmp(not_ops[i].name, s, comma - s))
					return error(p, s, -EBADMSG,
						     not_ops[i].why);
			return error(p, s, -EBADMSG, kind->what);
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
	u32 len = v->len;
	char *dup;

	if (!len || v->s[0] != '/')
		return error(p, v->s, -EBADMSG, "expected an absolute path");
	if (len > URINGAUDIT_POLICY_MAX_PATH)
		return error(p, v->s, -ENAMETOOLONG, "path too long");
	/* Records quote rules: a quote inside would end the field. */
	if (memchr(v->s, '"', len))
		return error(p, (const char *)memchr(v->s, '"', len), -EBADMSG,
			     "'\"' cannot appear in a path");
	/* "/a/" and "/a" name the same thing. */
	while (len > 1 && v->s[len - 1] == '/')
		len--;
	dup = kmalloc(len + 1, GFP_KERNEL);
	if (!dup)
		return error(p, v->s, -ENOMEM, "out of memory");
	memcpy(dup, v->s, len);
	dup[len] = '\0';
	*out = dup;
	*out_len = len;
	return 0;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Dotted IPv4 into @ip[0..3]. */
static bool parse_ipv4(const char *s, u32 len, u8 *ip)
{
	u32 i = 0, octet = 0, digits = 0, n = 0;

	for (i = 0; i <= len; i++) {
		if (i == len || s[i] == '.') {
			if (!digits || n == 4)
				return false;
			ip[n++] = (u8)octet;
			octet = 0;
			digits = 0;
			continue;
		}
		if (s[i] < '0' || s[i] > '9' || ++digits > 3)
			return false;
		/* No leading zeros: "010" is not 8 nor 10. */
		if (digits == 2 && octet == 0)
			return false;
		octet = octet * 10 + (u32)(s[i] - '0');
		if (octet > 255)
			return false;
	}
	return n == 4;
}

/* IPv6, with at most one "::", into @ip[0..15]. */
static bool parse_ipv6(const char *s, u32 len, u8 *ip)
{
	u16 head[8], tail[8];
	u32 nh = 0, nt = 0, i = 0, k;
	bool gap = false;

	if (len >= 2 && s[0] == ':' && s[1] == ':') {
		gap = true;
		i = 2;
	} else if (len && s[0] == ':') {
		return false;
	}
	while (i < len) {
		u32 v = 0, digits = 0;

		while (i < len && hex_digit(s[i]) >= 0) {
			v = v * 16 + (u32)hex_digit(s[i++]);
			if (++digits > 4)
				return false;
		}
		if (!digits)
			return false;
		if (gap)
			tail[nt++] = (u16)v;
		else
			head[nh++] = (u16)v;
		if (nh + nt > 8)
			return false;
		if (i == len)
			break;
		if (s[i] != ':')
			return false;
		i++;
		if (i < len && s[i] == ':') {
			if (gap)
				return false;
			gap = true;
			i++;
		} else if (i == len) {
			return false;
		}
	}
	if (gap ? nh + nt > 7 : nh != 8)
		return false;
	memset(ip, 0, 16);
	for (k = 0; k < nh; k++) {
		ip[2 * k] = head[k] >> 8;
		ip[2 * k + 1] = head[k] & 0xff;
	}
	for (k = 0; k < nt; k++) {
		ip[16 - 2 * (nt - k)] = tail[k] >> 8;
		ip[16 - 2 * (nt - k) + 1] = tail[k] & 0xff;
	}
	return true;
}

/*
 * addr=: an IPv4 or IPv6 address with an optional /prefix, or a unix
 * socket name: a path, or '@' and an abstract name.
 */
static const char bad_addr[] =
	"expected an IPv4 or IPv6 address, a unix socket path or @name";

static int parse_addr(struct parser *p, const struct token *v,
		      struct uringaudit_addr *a)
{
	const char *slash = memchr(v->s, '/', v->len);
	u32 len = slash ? (u32)(slash - v->s) : v->len, max;
	struct token prefix;
	char *dup;

	if (v->s[0] == '/' || v->s[0] == '@') {
		if (v->len > 108)
			return error(p, v->s, -ENAMETOOLONG,
				     "unix socket name longer than 108 bytes");
		if (memchr(v->s, '"', v->len))
			return error(p, v->s, -EBADMSG,
				     "'\"' cannot appear in an address");
		dup = kmalloc(v->len + 1, GFP_KERNEL);
		if (!dup)
			return error(p, v->s, -ENOMEM, "out of memory");
		memcpy(dup, v->s, v->len);
		dup[v->len] = '\0';
		a->family = URINGAUDIT_AF_UNIX;
		a->unix_path = dup;
		a->unix_len = v->len;
		return 0;
	}
	if (parse_ipv4(v->s, len, a->ip)) {
		a->family = URINGAUDIT_AF_INET;
		max = 32;
	} else if (parse_ipv6(v->s, len, a->ip)) {
		a->family = URINGAUDIT_AF_INET6;
		max = 128;
	} else {
		return error(p, v->s, -EBADMSG, bad_addr);
	}
	a->prefix = max;
	if (!slash)
		return 0;
	prefix.s = slash + 1;
	prefix.len = v->len - len - 1;
	return parse_number(p, &prefix, max,
			    max == 32 ? "prefix out of range (0 to 32)" :
					"prefix out of range (0 to 128)",
			    &a->prefix);
}

static int parse_ports(struct parser *p, const struct token *v, u32 *lo,
		       u32 *hi)
{
	const char *dash = memchr(v->s, '-', v->len);
	struct token a = { v->s, dash ? (u32)(dash - v->s) : v->len }, b;
	const char *range = "port out of range (0 to 65535)";

	if (parse_number(p, &a, 65535, range, lo))
		return -EBADMSG;
	*hi = *lo;
	if (!dash)
		return 0;
	b.s = dash + 1;
	b.len = v->len - a.len - 1;
	if (parse_number(p, &b, 65535, range, hi))
		return -EBADMSG;
	if (*hi < *lo)
		return error(p, v->s, -EBADMSG,
			     "port range must go from low to high");
	return 0;
}

static const char *const key_names[] = {
	"op",  "opcode", "ctx",	   "uid",    "gid",  "auid",
	"exe", "path",	 "cgroup", "family", "addr", "port",
};

enum {
	KEY_OP,
	KEY_OPCODE,
	KEY_CTX,
	KEY_UID,
	KEY_GID,
	KEY_AUID,
	KEY_EXE,
	KEY_PATH,
	KEY_CGROUP,
	KEY_FAMILY,
	KEY_ADDR,
	KEY_PORT,
};

static int parse_value(struct parser *p, struct uringaudit_rule *r, int key,
		       const struct token *v)
{
	u64 mask;
	int ret;

	switch (key) {
	case KEY_OP:
		return parse_list(p, v, &op_list, &r->ops);
	case KEY_OPCODE:
		return parse_list(p, v, &opcode_list, &r->opcodes);
	case KEY_CTX:
		ret = parse_list(p, v, &ctx_list, &mask);
		r->ctxs = (u32)mask;
		return ret;
	case KEY_UID:
		r->match |= URINGAUDIT_MATCH_UID;
		return parse_id(p, v, &r->uid);
	case KEY_GID:
		r->match |= URINGAUDIT_MATCH_GID;
		return parse_id(p, v, &r->gid);
	case KEY_AUID:
		r->match |= URINGAUDIT_MATCH_AUID;
		if (tok_eq(v, "unset")) {
			r->auid = URINGAUDIT_AUID_UNSET;
			return 0;
		}
		return parse_id(p, v, &r->auid);
	case KEY_EXE:
		r->match |= URINGAUDIT_MATCH_EXE;
		return parse_path(p, v, &r->exe, &r->exe_len);
	case KEY_PATH:
		r->match |= URINGAUDIT_MATCH_PATH;
		return parse_path(p, v, &r->path, &r->path_len);
	case KEY_CGROUP:
		r->match |= URINGAUDIT_MATCH_CGROUP;
		return parse_path(p, v, &r->cgroup, &r->cgroup_len);
	case KEY_FAMILY:
		r->match |= URINGAUDIT_MATCH_FAMILY;
		return parse_list(p, v, &family_list, &r->families);
	case KEY_ADDR:
		r->match |= URINGAUDIT_MATCH_ADDR;
		return parse_addr(p, v, &r->addr);
	default:
		r->match |= URINGAUDIT_MATCH_PORT;
		return parse_ports(p, v, &r->port_lo, &r->port_hi);
	}
}

static int parse_property(struct parser *p, struct uringaudit_rule *r,
			  const struct token *t, u32 *seen)
{
	const char *eq = memchr(t->s, '=', t->len);
	struct token v;
	int key;

	if (!eq)
		return error(p, t->s, -EBADMSG, "expected key=value");
	key = lookup(key_names, ARRAY_SIZE(key_names), t->s, (u32)(eq - t->s));
	if (key < 0)
		return error(p, t->s, -EBADMSG, "unknown key");
	if (*seen & BIT(key))
		return error(p, t->s, -EBADMSG, "key given twice");
	*seen |= BIT(key);
	v.s = eq + 1;
	v.len = t->len - (u32)(eq - t->s) - 1;
	if (!v.len)
		return error(p, v.s, -EBADMSG, "empty value");
	return parse_value(p, r, key, &v);
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
	kfree(r->cgroup);
	kfree(r->addr.unix_path);
	kvfree(r->path_keys);
}

#define ACTION_WORDS "expected default, unrecorded, allow, audit or deny"

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

/* unrecorded allow|deny: what becomes of an op whose record is lost. */
static void parse_unrecorded(struct parser *p, struct uringaudit_policy *pol,
			     const struct token *toks, u32 n, bool seen)
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
	if (tok_eq(&toks[1], "allow"))
		pol->unrecorded = URINGAUDIT_ALLOW;
	else if (tok_eq(&toks[1], "deny"))
		pol->unrecorded = URINGAUDIT_DENY;
	else
		error(p, toks[1].s, -EBADMSG, "expected allow or deny");
}

/* Longest line: an action and one token per key. */
#define MAX_TOKENS (1 + ARRAY_SIZE(key_names))

/* What the keys of one rule say together. */
static int check_rule(struct parser *p, const struct uringaudit_rule *r,
		      const struct token *start)
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
	struct parser p = { .report = report, .arg = arg };
	const char *s = text, *end = text + len;
	struct uringaudit_policy *pol;
	struct token toks[MAX_TOKENS];
	bool have_default = false, have_unrecorded = false, too_many;
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
		} else if (tok_eq(&toks[0], "unrecorded")) {
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
