// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Which rule of a policy decides an op
 *
 * This file builds in the kernel and in uringaudit-ctl (explain).
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifdef __KERNEL__
#include <linux/limits.h>
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

/* murmur3's finalizer: every bit of @h moves the low bits of the slot. */
static u32 mix(u32 h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bU;
	h ^= h >> 13;
	h *= 0xc2b2ae35U;
	h ^= h >> 16;
	return h;
}

/**
 * uringaudit_policy_slot() - The hash table slot of a key's group
 * @policy: The policy.
 * @kind: The key (%URINGAUDIT_MATCH_*).
 * @hash: Its value, or the hash of its string.
 *
 * Return: The slot that holds the group of @kind and @hash, or the free
 * slot where it would go; NULL when the policy has no keyed rule.
 */
u32 *uringaudit_policy_slot(const struct uringaudit_policy *policy, u32 kind,
			    u32 hash)
{
	u32 i;

	if (!policy->table)
		return NULL;
	/* Never full: the table has four times as many slots as groups. */
	for (i = mix(hash ^ (kind << 29));; i++) {
		u32 *slot = &policy->table[i & policy->table_mask];
		const struct uringaudit_key_group *g;

		if (!*slot)
			return slot;
		g = &policy->groups[*slot - 1];
		if (g->kind == kind && g->hash == hash)
			return slot;
	}
}

/*
 * The first rule of the group of @kind and @hash that matches @subj and
 * comes before rule @best; returns its index, or @best.
 */
static u32 match_group(const struct uringaudit_policy *policy, u32 kind,
		       u32 hash, const struct uringaudit_subject *subj,
		       u32 best)
{
	const u32 *slot = uringaudit_policy_slot(policy, kind, hash);
	const struct uringaudit_key_group *g;
	u32 i;

	if (!slot || !*slot)
		return best;
	g = &policy->groups[*slot - 1];
	for (i = 0; i < g->count; i++) {
		u32 idx = policy->key_rules[g->first + i];
		const struct uringaudit_rule *r = &policy->rules[idx];

		if (idx >= best)
			break;
		if (uringaudit_rule_names(r, subj->op, subj->ctx) &&
		    uringaudit_rule_matches(r, subj))
			return idx;
	}
	return best;
}

/* The rules keyed by the op's path or by a directory above it. */
static u32 match_path(const struct uringaudit_policy *policy,
		      const struct uringaudit_subject *subj, u32 best)
{
	const char *p = subj->path;
	u32 hash = URINGAUDIT_HASH_INIT;

	if (*p != '/')
		return best;
	/* "/a/b" is looked up as "/", "/a" and "/a/b". */
	best = match_group(policy, URINGAUDIT_MATCH_PATH,
			   uringaudit_hash_byte(hash, '/'), subj, best);
	for (; *p; p++) {
		if (*p == '/' && p != subj->path)
			best = match_group(policy, URINGAUDIT_MATCH_PATH, hash,
					   subj, best);
		hash = uringaudit_hash_byte(hash, *p);
	}
	if (p - subj->path > 1)
		best = match_group(policy, URINGAUDIT_MATCH_PATH, hash, subj,
				   best);
	return best;
}

/**
 * uringaudit_policy_match() - Find the rule that decides an op
 * @policy: The policy.
 * @subj: The op; its exe and path are read only when
 *	@policy->needs[op][ctx] asks for them.
 *
 * Only the rules that name the op and context (or name none) and, for a
 * keyed rule, whose key has the op's value are looked at; of those, the
 * first in the order of the policy that matches wins.
 *
 * Return: The rule, or NULL when none matches and the default decides.
 */
const struct uringaudit_rule *
uringaudit_policy_match(const struct uringaudit_policy *policy,
			const struct uringaudit_subject *subj)
{
	u32 best = U32_MAX, keys, i, n;
	const u32 *list;

	if (subj->op >= __URINGAUDIT_OP_MAX ||
	    subj->ctx >= URINGAUDIT_NR_RULE_CTX)
		return NULL;
	n = policy->nr_index[subj->op][subj->ctx];
	list = policy->index[subj->op][subj->ctx];
	for (i = 0; i < n; i++) {
		if (uringaudit_rule_matches(&policy->rules[list[i]], subj)) {
			best = list[i];
			break;
		}
	}
	keys = policy->keys[subj->op][subj->ctx];
	if (keys & URINGAUDIT_MATCH_UID)
		best = match_group(policy, URINGAUDIT_MATCH_UID, subj->uid,
				   subj, best);
	if (keys & URINGAUDIT_MATCH_AUID)
		best = match_group(policy, URINGAUDIT_MATCH_AUID, subj->auid,
				   subj, best);
	if (keys & URINGAUDIT_MATCH_GID)
		best = match_group(policy, URINGAUDIT_MATCH_GID, subj->gid,
				   subj, best);
	if ((keys & URINGAUDIT_MATCH_EXE) && subj->exe)
		best = match_group(policy, URINGAUDIT_MATCH_EXE,
				   uringaudit_str_hash(subj->exe,
						       strlen(subj->exe)),
				   subj, best);
	if ((keys & URINGAUDIT_MATCH_PATH) && subj->path)
		best = match_path(policy, subj, best);
	return best == U32_MAX ? NULL : &policy->rules[best];
}
