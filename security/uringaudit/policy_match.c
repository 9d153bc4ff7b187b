// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Which rule of a policy decides an op
 *
 * This file builds in the kernel and in uringaudit-ctl (explain).
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifdef __KERNEL__
#include <linux/string.h>
#endif /* __KERNEL__ */

#include "policy.h"

/* Whether @path is @prefix or lies under it. */
static bool path_under(const char *path, const char *prefix, u32 prefix_len)
{
	if (strncmp(path, prefix, prefix_len))
		return false;
	/* "/" is the prefix of everything; "/a" of "/a" and "/a/b", not "/ab". */
	return prefix_len == 1 || path[prefix_len] == '\0' ||
	       path[prefix_len] == '/';
}

/**
 * uringaudit_rule_matches() - Whether a rule's properties match an op
 * @r: The rule.
 * @s: The op; its exe and path are read when the rule matches on them.
 *
 * Looks at uid, gid, auid, exe and path; op and context are the index's
 * business (see uringaudit_policy_match()).
 *
 * Return: true when every property of @r matches @s.
 */
bool uringaudit_rule_matches(const struct uringaudit_rule *r,
			     const struct uringaudit_subject *s)
{
	if ((r->match & URINGAUDIT_MATCH_UID) && r->uid != s->uid)
		return false;
	if ((r->match & URINGAUDIT_MATCH_GID) && r->gid != s->gid)
		return false;
	if ((r->match & URINGAUDIT_MATCH_AUID) && r->auid != s->auid)
		return false;
	if ((r->match & URINGAUDIT_MATCH_EXE) &&
	    (!s->exe || strcmp(r->exe, s->exe)))
		return false;
	if ((r->match & URINGAUDIT_MATCH_PATH) &&
	    (!s->path || !path_under(s->path, r->path, r->path_len)))
		return false;
	return true;
}

/**
 * uringaudit_policy_match() - Find the rule that decides an op
 * @policy: The policy.
 * @subj: The op; its exe and path are read only when
 *	@policy->needs[op][ctx] asks for them.
 *
 * Only the rules that name the op and context (or name none) are looked
 * at, in the order of the policy; the first that matches wins.
 *
 * Return: The rule, or NULL when none matches and the default decides.
 */
const struct uringaudit_rule *
uringaudit_policy_match(const struct uringaudit_policy *policy,
			const struct uringaudit_subject *subj)
{
	const u32 *list;
	u32 i, n;

	if (subj->op >= __URINGAUDIT_OP_MAX ||
	    subj->ctx >= URINGAUDIT_NR_RULE_CTX)
		return NULL;
	n = policy->nr_index[subj->op][subj->ctx];
	list = policy->index[subj->op][subj->ctx];
	for (i = 0; i < n; i++) {
		const struct uringaudit_rule *r = &policy->rules[list[i]];

		if (uringaudit_rule_matches(r, subj))
			return r;
	}
	return NULL;
}
