// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - The values of a policy rule's keys
 *
 * Numbers and IDs, lists of names (op classes, opcodes, contexts, address
 * families), paths, IPv4 and IPv6 addresses with a prefix or unix socket
 * names, and port ranges: each checked and converted, each error reported
 * at the byte it is at.  This file builds in the kernel and in
 * uringaudit-ctl.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#endif /* __KERNEL__ */

#include "policy_parse.h"

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

/* A decimal number in [0, @max]; @range says what it is in the error. */
static int parse_number(struct uringaudit_parser *p,
			const struct uringaudit_token *v, u64 max,
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
static int parse_id(struct uringaudit_parser *p,
		    const struct uringaudit_token *v, u32 *out)
{
	return parse_number(p, v, 4294967294ULL,
			    "number out of range (0 to 4294967294)", out);
}

static int op_item(const char *s, u32 len)
{
	return uringaudit_lookup(uringaudit_op_names, __URINGAUDIT_OP_MAX, s,
				 len);
}

static int ctx_item(const char *s, u32 len)
{
	return uringaudit_lookup(uringaudit_ctx_names, URINGAUDIT_NR_CTX, s,
				 len);
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

static int parse_list(struct uringaudit_parser *p,
		      const struct uringaudit_token *v,
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

static int parse_path(struct uringaudit_parser *p,
		      const struct uringaudit_token *v, char **out,
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
	dup = kmalloc(len + 1, GFP_KERNEL_ACCOUNT);
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
		if (!digits || nh + nt == 8)
			return false;
		if (gap)
			tail[nt++] = (u16)v;
		else
			head[nh++] = (u16)v;
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
static const char long_abstract[] =
	"abstract unix socket name longer than 108 bytes";

static int parse_addr(struct uringaudit_parser *p,
		      const struct uringaudit_token *v,
		      struct uringaudit_addr *a)
{
	const char *slash = memchr(v->s, '/', v->len);
	u32 len = slash ? (u32)(slash - v->s) : v->len, max;
	struct uringaudit_token prefix;
	char *dup;

	if (v->s[0] == '/' || v->s[0] == '@') {
		/* An abstract name has 108 bytes, its leading NUL ('@') too. */
		if (v->s[0] == '@' && v->len > 108)
			return error(p, v->s, -ENAMETOOLONG, long_abstract);
		if (v->len > URINGAUDIT_POLICY_MAX_PATH)
			return error(p, v->s, -ENAMETOOLONG,
				     "unix socket path longer than 4095 bytes");
		if (memchr(v->s, '"', v->len))
			return error(p, v->s, -EBADMSG,
				     "'\"' cannot appear in an address");
		dup = kmalloc(v->len + 1, GFP_KERNEL_ACCOUNT);
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

static int parse_ports(struct uringaudit_parser *p,
		       const struct uringaudit_token *v, u32 *lo, u32 *hi)
{
	const char *dash = memchr(v->s, '-', v->len);
	struct uringaudit_token a = { v->s,
				      dash ? (u32)(dash - v->s) : v->len },
				b;
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

static const char *const key_names[URINGAUDIT_NR_KEYS] = {
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

static int parse_value(struct uringaudit_parser *p, struct uringaudit_rule *r,
		       int key, const struct uringaudit_token *v)
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
		if (uringaudit_tok_eq(v, "unset")) {
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

/**
 * uringaudit_parse_key() - Parse one key=value of a rule
 * @p: The parse.
 * @r: The rule.
 * @t: The token.
 * @seen: Keys the rule has given so far, a bit each; updated.
 *
 * Return: 0, or the error reported.
 */
int uringaudit_parse_key(struct uringaudit_parser *p, struct uringaudit_rule *r,
			 const struct uringaudit_token *t, u32 *seen)
{
	const char *eq = memchr(t->s, '=', t->len);
	struct uringaudit_token v;
	int key;

	if (!eq)
		return error(p, t->s, -EBADMSG, "expected key=value");
	key = uringaudit_lookup(key_names, ARRAY_SIZE(key_names), t->s,
				(u32)(eq - t->s));
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
