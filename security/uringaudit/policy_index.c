// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - The index of a policy
 *
 * Two structures make a decision cost the same however many rules cannot
 * match the op:
 *
 * - per op class and context, the list of the rules that name it, and the
 *   list of those among them without an indexed key;
 * - a hash table of key groups: a rule whose first key is uid, auid, gid,
 *   exe or path is in the group of that key's value (a path rule is in the
 *   group of each object its path named when the policy was loaded), so an
 *   op looks up only the values it has.
 *
 * This file builds in the kernel and in uringaudit-ctl.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/slab.h>
#endif /* __KERNEL__ */

#include "policy.h"

/* The indexed keys, in the order a rule's first one is picked. */
static const u32 indexed[] = {
	URINGAUDIT_MATCH_UID, URINGAUDIT_MATCH_AUID, URINGAUDIT_MATCH_GID,
	URINGAUDIT_MATCH_EXE, URINGAUDIT_MATCH_PATH,
};

/*
 * The group kind and hash values a rule is indexed by, into @hashes when
 * not NULL; returns how many (0: the rule is listed, not indexed).
 */
static u32 rule_groups(const struct uringaudit_rule *r, u32 *kind, u32 *hashes)
{
	u32 i, k = 0;

	for (i = 0; i < ARRAY_SIZE(indexed) && !k; i++)
		if (r->match & indexed[i])
			k = indexed[i];
	*kind = k;
	switch (k) {
	case URINGAUDIT_MATCH_UID:
	case URINGAUDIT_MATCH_AUID:
	case URINGAUDIT_MATCH_GID:
		if (hashes)
			hashes[0] = k == URINGAUDIT_MATCH_UID  ? r->uid :
				    k == URINGAUDIT_MATCH_AUID ? r->auid :
								 r->gid;
		return 1;
	case URINGAUDIT_MATCH_EXE:
		/* A program that was not there matches nothing: listed. */
		if (!(r->resolved & URINGAUDIT_RESOLVED_EXE))
			return 0;
		if (hashes)
			hashes[0] = uringaudit_key_hash(&r->exe_key);
		return 1;
	case URINGAUDIT_MATCH_PATH:
		/* path=/ matches every object with a path: listed. */
		if (r->resolved & URINGAUDIT_RESOLVED_ANY_PATH)
			return 0;
		if (!(r->resolved & URINGAUDIT_RESOLVED_PATH)) {
			*kind = URINGAUDIT_MATCH_PATH_NAME;
			if (hashes)
				hashes[0] = uringaudit_str_hash(r->path,
								r->path_len);
			return 1;
		}
		/* A file's directory finds the file that replaced it. */
		for (i = 0; hashes && i < r->nr_path_keys; i++)
			hashes[i] = uringaudit_key_hash(&r->path_keys[i]);
		if (r->leaf && hashes)
			hashes[i] = uringaudit_key_hash(&r->leaf_dir);
		return r->nr_path_keys + !!r->leaf;
	default:
		return 0;
	}
}

/*
 * Visit the op and context slots of rule @i: note what it matches on and
 * count it in the lists of the slots, when @fill is false; append it to
 * those lists when true.  Returns the number of list entries.
 */
static u32 list_rule(struct uringaudit_policy *pol, u32 i, bool fill)
{
	const struct uringaudit_rule *r = &pol->rules[i];
	const u64 ops = uringaudit_rule_ops(r);
	const u32 ctxs = uringaudit_rule_ctxs(r);
	u32 op, ctx, kind, n = 0, match = r->match;
	bool keyed = rule_groups(r, &kind, NULL) > 0;

	if ((match & URINGAUDIT_MATCH_PATH) &&
	    !(r->resolved &
	      (URINGAUDIT_RESOLVED_PATH | URINGAUDIT_RESOLVED_ANY_PATH)))
		match |= URINGAUDIT_MATCH_PATH_NAME;
	for (op = 0; op < __URINGAUDIT_OP_MAX; op++) {
		if (!(ops & BIT_ULL(op)))
			continue;
		for (ctx = 0; ctx < URINGAUDIT_NR_CTX; ctx++) {
			u32 *nr_all = &pol->nr_all[op][ctx];
			u32 *nr = &pol->nr_index[op][ctx];

			if (!(ctxs & BIT(ctx)))
				continue;
			if (!fill) {
				pol->needs[op][ctx] |= match;
				if (keyed)
					pol->keys[op][ctx] |= kind;
			}
			if (fill)
				((u32 *)pol->all[op][ctx])[*nr_all] = i;
			(*nr_all)++;
			n++;
			if (keyed)
				continue;
			if (fill)
				((u32 *)pol->index[op][ctx])[*nr] = i;
			(*nr)++;
			n++;
		}
	}
	return n;
}

/* The per-op, per-context lists. */
static int build_lists(struct uringaudit_policy *pol)
{
	u32 op, ctx, i, total = 0, *pos;

	for (i = 0; i < pol->nr_rules; i++)
		total += list_rule(pol, i, false);
	if (!total)
		return 0;
	pol->list_mem = kvcalloc(total, sizeof(u32), GFP_KERNEL_ACCOUNT);
	if (!pol->list_mem)
		return -ENOMEM;
	pos = pol->list_mem;
	for (op = 0; op < __URINGAUDIT_OP_MAX; op++) {
		for (ctx = 0; ctx < URINGAUDIT_NR_CTX; ctx++) {
			pol->all[op][ctx] = pos;
			pos += pol->nr_all[op][ctx];
			pol->nr_all[op][ctx] = 0;
			pol->index[op][ctx] = pos;
			pos += pol->nr_index[op][ctx];
			pol->nr_index[op][ctx] = 0;
		}
	}
	for (i = 0; i < pol->nr_rules; i++)
		list_rule(pol, i, true);
	return 0;
}

/*
 * The hash table of the keyed rules: a group per key and value, holding
 * its rules in the order of the policy.
 */
static int build_groups(struct uringaudit_policy *pol)
{
	u32 i, j, n, kind, nr_entries = 0, nr_groups = 0, size = 2, pos = 0;
	u32 max_hashes = 1, *hashes;
	struct uringaudit_key_group *g;
	u32 *slot;

	for (i = 0; i < pol->nr_rules; i++) {
		n = rule_groups(&pol->rules[i], &kind, NULL);
		nr_entries += n;
		if (n > max_hashes)
			max_hashes = n;
	}
	if (!nr_entries)
		return 0;
	while (size < 4 * nr_entries)
		size *= 2;
	hashes = kvcalloc(max_hashes, sizeof(u32), GFP_KERNEL_ACCOUNT);
	pol->table = kvcalloc(size, sizeof(u32), GFP_KERNEL_ACCOUNT);
	pol->groups =
		kvcalloc(nr_entries, sizeof(*pol->groups), GFP_KERNEL_ACCOUNT);
	pol->key_rules = kvcalloc(nr_entries, sizeof(u32), GFP_KERNEL_ACCOUNT);
	if (!hashes || !pol->table || !pol->groups || !pol->key_rules) {
		kvfree(hashes);
		return -ENOMEM;
	}
	pol->table_mask = size - 1;

	/* Count the rules of each group, then place them, in order. */
	for (i = 0; i < pol->nr_rules; i++) {
		n = rule_groups(&pol->rules[i], &kind, hashes);
		for (j = 0; j < n; j++) {
			slot = uringaudit_policy_slot(pol, kind, hashes[j]);
			if (!*slot) {
				*slot = ++nr_groups;
				pol->groups[*slot - 1].kind = kind;
				pol->groups[*slot - 1].hash = hashes[j];
			}
			g = &pol->groups[*slot - 1];
			/* Two keys of one rule may share a hash. */
			if (g->count && g->first == i + 1)
				continue;
			g->count++;
			g->first = i + 1;
		}
	}
	for (i = 0; i < nr_groups; i++) {
		pol->groups[i].first = pos;
		pos += pol->groups[i].count;
		pol->groups[i].count = 0;
	}
	for (i = 0; i < pol->nr_rules; i++) {
		n = rule_groups(&pol->rules[i], &kind, hashes);
		for (j = 0; j < n; j++) {
			g = &pol->groups[*uringaudit_policy_slot(pol, kind,
								 hashes[j]) -
					 1];
			if (g->count &&
			    pol->key_rules[g->first + g->count - 1] == i)
				continue;
			pol->key_rules[g->first + g->count++] = i;
		}
	}
	kvfree(hashes);
	return 0;
}

/**
 * uringaudit_policy_index() - Index a parsed policy
 * @policy: The policy, as uringaudit_policy_parse() made it, with what the
 *	caller could resolve of its path= and exe= rules.
 *
 * Return: 0, or -%ENOMEM.
 */
int uringaudit_policy_index(struct uringaudit_policy *policy)
{
	int ret = build_lists(policy);

	return ret ? ret : build_groups(policy);
}
