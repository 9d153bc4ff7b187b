// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - The normal form of a policy
 *
 * Keys come in a fixed order, lists in the order of their enums, paths
 * without a trailing slash, addresses in their canonical text: two rules
 * that mean the same read the same, and the normal form parses to itself.
 *
 * This file builds in the kernel and in uringaudit-ctl.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/stdarg.h>
#include <linux/string.h>
#endif /* __KERNEL__ */

#include "policy.h"

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
		     u64 mask, const char *(*name)(u32), u32 nr)
{
	const char *sep = "=";
	u32 i;

	if (!mask)
		return;
	add(buf, size, len, " %s", key);
	for (i = 0; i < nr; i++) {
		if (mask & BIT_ULL(i)) {
			const char *n = name(i);

			if (n)
				add(buf, size, len, "%s%s", sep, n);
			else
				add(buf, size, len, "%s%u", sep, i);
			sep = ",";
		}
	}
}

static const char *op_name(u32 i)
{
	return uringaudit_op_names[i];
}

static const char *opcode_name(u32 i)
{
	return uringaudit_opcodes[i].name;
}

static const char *ctx_name(u32 i)
{
	return uringaudit_ctx_names[i];
}

/* IPv6 as RFC 5952 writes it: the longest run of zero groups is "::". */
static void add_ipv6(char *buf, size_t size, int *len, const u8 *ip)
{
	int run = -1, run_len = 0, i, j;

	for (i = 0; i < 8; i = j + 1) {
		for (j = i; j < 8 && !ip[2 * j] && !ip[2 * j + 1]; j++)
			;
		if (j - i > run_len && j - i > 1) {
			run = i;
			run_len = j - i;
		}
	}
	for (i = 0; i < 8; i++) {
		if (i == run) {
			add(buf, size, len, "::");
			i += run_len - 1;
			continue;
		}
		add(buf, size, len, "%s%x", i && i != run + run_len ? ":" : "",
		    (unsigned int)(ip[2 * i] << 8 | ip[2 * i + 1]));
	}
}

static void add_addr(char *buf, size_t size, int *len,
		     const struct uringaudit_addr *a)
{
	add(buf, size, len, " addr=");
	switch (a->family) {
	case URINGAUDIT_AF_UNIX:
		add(buf, size, len, "%s", a->unix_path);
		return;
	case URINGAUDIT_AF_INET:
		add(buf, size, len, "%u.%u.%u.%u", a->ip[0], a->ip[1], a->ip[2],
		    a->ip[3]);
		if (a->prefix != 32)
			add(buf, size, len, "/%u", a->prefix);
		return;
	default:
		add_ipv6(buf, size, len, a->ip);
		if (a->prefix != 128)
			add(buf, size, len, "/%u", a->prefix);
		return;
	}
}

/**
 * uringaudit_rule_format() - A rule in its normal form
 * @rule: The rule.
 * @buf: Where to write it, NUL-terminated; may be NULL when @size is 0.
 * @size: Size of @buf.
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
	add_list(buf, size, &len, "op", rule->ops, op_name,
		 __URINGAUDIT_OP_MAX);
	add_list(buf, size, &len, "opcode", rule->opcodes, opcode_name,
		 URINGAUDIT_NR_OPCODES);
	add_list(buf, size, &len, "ctx", rule->ctxs, ctx_name,
		 URINGAUDIT_NR_CTX);
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
	if (rule->match & URINGAUDIT_MATCH_CGROUP)
		add(buf, size, &len, " cgroup=%s", rule->cgroup);
	add_list(buf, size, &len, "family", rule->families,
		 uringaudit_family_name, URINGAUDIT_AF_MAX);
	if (rule->match & URINGAUDIT_MATCH_ADDR)
		add_addr(buf, size, &len, &rule->addr);
	if (rule->match & URINGAUDIT_MATCH_PORT) {
		if (rule->port_lo == rule->port_hi)
			add(buf, size, &len, " port=%u", rule->port_lo);
		else
			add(buf, size, &len, " port=%u-%u", rule->port_lo,
			    rule->port_hi);
	}
	return len;
}

/**
 * uringaudit_policy_format() - A policy in its normal form
 * @policy: The policy.
 * @buf: Where to write it, NUL-terminated; may be NULL when @size is 0.
 * @size: Size of @buf.
 *
 * The default comes first, then what becomes of unrecorded ops unless they
 * are allowed, then one rule a line; parsing the result gives the same
 * policy.
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
	if (policy->unrecorded != URINGAUDIT_ALLOW)
		add(buf, size, &len, "unrecorded %s\n",
		    uringaudit_action_names[policy->unrecorded]);
	for (i = 0; i < policy->nr_rules; i++) {
		size_t used = (size_t)len;

		len += uringaudit_rule_format(&policy->rules[i],
					      used < size ? buf + used : NULL,
					      used < size ? size - used : 0);
		add(buf, size, &len, "\n");
	}
	return len;
}
