/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - What the policy parser's files share
 *
 * policy_parser.c reads statements, policy_values.c the values of a
 * rule's keys.  Both build in the kernel and in uringaudit-ctl.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_POLICY_PARSE_H
#define _SECURITY_URINGAUDIT_POLICY_PARSE_H

#include "policy.h"

/**
 * struct uringaudit_parser - The state of one parse
 * @line_start: The line being parsed.
 * @line: Its number, from 1.
 * @err: The first error, or 0.
 * @nr_errors: How many errors so far.
 * @report: Called for each error, or NULL.
 * @arg: @report's argument.
 */
struct uringaudit_parser {
	const char *line_start;
	u32 line;
	int err;
	u32 nr_errors;
	uringaudit_parse_error_t report;
	void *arg;
};

/**
 * struct uringaudit_token - A run of bytes without blanks
 * @s: Its first byte.
 * @len: Its length.
 */
struct uringaudit_token {
	const char *s;
	u32 len;
};

/* Keys of a rule: op, opcode, ctx, uid, gid, auid, exe, path, cgroup, ... */
#define URINGAUDIT_NR_KEYS 12

int uringaudit_parse_error(struct uringaudit_parser *p, const char *where,
			   int err, const char *msg);
int uringaudit_parse_key(struct uringaudit_parser *p, struct uringaudit_rule *r,
			 const struct uringaudit_token *t, u32 *seen);

/* What the parser's files call uringaudit_parse_error(). */
static inline int error(struct uringaudit_parser *p, const char *where, int err,
			const char *msg)
{
	return uringaudit_parse_error(p, where, err, msg);
}

static inline bool uringaudit_tok_eq(const struct uringaudit_token *t,
				     const char *s)
{
	size_t n = strlen(s);

	return t->len == n && !memcmp(t->s, s, n);
}

/* The index of the name @s of @len bytes in @names, or -1. */
static inline int uringaudit_lookup(const char *const *names, int nr,
				    const char *s, u32 len)
{
	int i;

	for (i = 0; i < nr; i++)
		if (names[i] && strlen(names[i]) == len &&
		    !memcmp(names[i], s, len))
			return i;
	return -1;
}

#endif /* _SECURITY_URINGAUDIT_POLICY_PARSE_H */
