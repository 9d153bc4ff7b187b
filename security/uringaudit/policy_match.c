// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Which rule of a policy decides an op
 *
 * The first rule, in the order of the policy, that names the op and
 * matches it decides.  An op that has every value its candidate rules need
 * is looked up in the index; one that does not yet have its object (the
 * file an open will find, the address a send will use) or that failed to
 * resolve a value walks its candidates in order:
 *
 * - a rule that needs a value still to come makes the decision wait for
 *   the hook that shows it;
 * - a rule that needs a value that failed matches if it would deny or
 *   audit, and does not if it would allow: a value that cannot be known
 *   never lets an op through that it could have stopped.
 *
 * This file builds in the kernel and in uringaudit-ctl (explain, learn).
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifdef __KERNEL__
#include <linux/bitops.h>
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

static bool key_eq(const struct uringaudit_key *a,
		   const struct uringaudit_key *b)
{
	return a->ino == b->ino && a->dev == b->dev && a->gen == b->gen;
}

/*
 * Whether the object or a directory above it is one the rule names, or the
 * object is what the named file's directory holds under its name now.
 */
static bool path_matches(const struct uringaudit_rule *r,
			 const struct uringaudit_subject *s)
{
	u32 i, j;

	if (r->resolved & URINGAUDIT_RESOLVED_ANY_PATH)
		return true;
	for (i = 0; i < s->nr_obj; i++)
		for (j = 0; j < r->nr_path_keys; j++)
			if (key_eq(&s->obj[i], &r->path_keys[j]))
				return true;
	return r->leaf && s->obj_name && s->obj_dir &&
	       key_eq(s->obj_dir, &r->leaf_dir) &&
	       !strcmp(s->obj_name, r->leaf);
}

static bool prefix_matches(const u8 *want, const u8 *have, u32 prefix)
{
	u32 bytes = prefix / 8, bits = prefix % 8;

	if (memcmp(want, have, bytes))
		return false;
	return !bits || !((want[bytes] ^ have[bytes]) & (0xff << (8 - bits)));
}

/*
 * A unix socket: a path rule that named a socket file at load matches the
 * socket bound to that file, whatever name the op used; one that named
 * nothing matches by the socket file's path from the initial root; an
 * abstract name matches byte for byte, all of it.
 */
static bool unix_matches(const struct uringaudit_rule *r,
			 const struct uringaudit_addr *have)
{
	const struct uringaudit_addr *want = &r->addr;

	if (want->unix_path[0] == '/' &&
	    (r->resolved & URINGAUDIT_RESOLVED_ADDR))
		return have->has_key && key_eq(&want->key, &have->key);
	return have->unix_path && want->unix_len == have->unix_len &&
	       !memcmp(want->unix_path, have->unix_path, want->unix_len);
}

/* An IPv4 address as IPv6 names it: ::ffff:a.b.c.d. */
static void v4_mapped(const u8 *ip4, u8 *ip6)
{
	memset(ip6, 0, 10);
	ip6[10] = 0xff;
	ip6[11] = 0xff;
	memcpy(ip6 + 12, ip4, 4);
}

/*
 * An op's IPv4 address, on an AF_INET or AF_INET6 socket, is matched by
 * IPv4 rules and by IPv6 rules on its mapped form.
 */
static bool addr_matches(const struct uringaudit_rule *r,
			 const struct uringaudit_addr *have)
{
	const struct uringaudit_addr *want = &r->addr;
	u8 mapped[16];

	if (want->family == URINGAUDIT_AF_INET6 &&
	    have->family == URINGAUDIT_AF_INET) {
		v4_mapped(have->ip, mapped);
		return prefix_matches(want->ip, mapped, want->prefix);
	}
	if (want->family != have->family)
		return false;
	if (want->family == URINGAUDIT_AF_UNIX)
		return unix_matches(r, have);
	return prefix_matches(want->ip, have->ip, want->prefix);
}

/* Whether key @bit of rule @r matches @s, when @s has the value. */
static bool key_matches(const struct uringaudit_rule *r,
			const struct uringaudit_subject *s, u32 bit)
{
	switch (BIT(bit)) {
	case URINGAUDIT_MATCH_UID:
		return r->uid == s->uid;
	case URINGAUDIT_MATCH_AUID:
		return r->auid == s->auid;
	case URINGAUDIT_MATCH_GID:
		return r->gid == s->gid;
	case URINGAUDIT_MATCH_EXE:
		return (r->resolved & URINGAUDIT_RESOLVED_EXE) &&
		       key_eq(&r->exe_key, &s->exe);
	case URINGAUDIT_MATCH_PATH:
		return path_matches(r, s);
	case URINGAUDIT_MATCH_PATH_NAME:
		return s->path && path_under(s->path, r->path, r->path_len);
	case URINGAUDIT_MATCH_CGROUP:
		return s->cgroup &&
		       path_under(s->cgroup, r->cgroup, r->cgroup_len);
	case URINGAUDIT_MATCH_FAMILY:
		return s->family < 64 && (r->families & BIT_ULL(s->family));
	case URINGAUDIT_MATCH_ADDR:
		return addr_matches(r, &s->addr);
	case URINGAUDIT_MATCH_PORT:
		return (s->addr.family == URINGAUDIT_AF_INET ||
			s->addr.family == URINGAUDIT_AF_INET6) &&
		       s->port >= r->port_lo && s->port <= r->port_hi;
	default:
		return false;
	}
}

/**
 * uringaudit_rule_eval() - What a rule's keys say of an op
 * @r: The rule.
 * @s: The op; only the values of @r's keys are read.
 * @failed: Set to the keys whose value failed, for %URINGAUDIT_UNRESOLVED.
 *
 * Looks at uid, gid, auid, exe, path, cgroup and the socket keys; op,
 * opcode and context are the caller's business.  A key whose value the op
 * has and that does not match settles it, whatever the other keys' values.
 *
 * Return: An &enum uringaudit_outcome.
 */
enum uringaudit_outcome uringaudit_rule_eval(const struct uringaudit_rule *r,
					     const struct uringaudit_subject *s,
					     u32 *failed)
{
	enum uringaudit_outcome out = URINGAUDIT_MATCH;
	u32 match = r->match, bit;

	*failed = 0;
	/* A path that was not there when loaded is matched by name. */
	if ((match & URINGAUDIT_MATCH_PATH) &&
	    !(r->resolved &
	      (URINGAUDIT_RESOLVED_PATH | URINGAUDIT_RESOLVED_ANY_PATH)))
		match ^= URINGAUDIT_MATCH_PATH | URINGAUDIT_MATCH_PATH_NAME;
	for (bit = 0; bit < URINGAUDIT_NR_MATCH; bit++) {
		if (!(match & BIT(bit)))
			continue;
		switch (s->state[bit]) {
		case URINGAUDIT_VALUE_KNOWN:
			if (!key_matches(r, s, bit))
				return URINGAUDIT_NO_MATCH;
			break;
		case URINGAUDIT_VALUE_ABSENT:
			return URINGAUDIT_NO_MATCH;
		case URINGAUDIT_VALUE_PENDING:
			out = URINGAUDIT_UNDECIDED;
			break;
		default:
			*failed |= BIT(bit);
			if (out == URINGAUDIT_MATCH)
				out = URINGAUDIT_UNRESOLVED;
			break;
		}
	}
	return out;
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
 * @hash: Its value, or the hash of its string or object.
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
	for (i = mix(hash ^ (kind * 0x9e3779b9U));; i++) {
		u32 *slot = &policy->table[i & policy->table_mask];
		const struct uringaudit_key_group *g;

		if (!*slot)
			return slot;
		g = &policy->groups[*slot - 1];
		if (g->kind == kind && g->hash == hash)
			return slot;
	}
}

/* Whether rule @r decides @s: it names the op and its keys match. */
static bool decides(const struct uringaudit_rule *r,
		    const struct uringaudit_subject *s)
{
	u32 failed;

	return uringaudit_rule_names(r, s->op, s->opcode, s->ctx) &&
	       uringaudit_rule_eval(r, s, &failed) == URINGAUDIT_MATCH;
}

/*
 * The first rule of the group of @kind and @hash that decides @subj and
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

		if (idx >= best)
			break;
		if (decides(&policy->rules[idx], subj))
			return idx;
	}
	return best;
}

/* The rules keyed by the op's path name or by a directory above it. */
static u32 match_path_name(const struct uringaudit_policy *policy,
			   const struct uringaudit_subject *subj, u32 best)
{
	const char *p = subj->path;
	u32 hash = URINGAUDIT_HASH_INIT;

	if (*p != '/')
		return best;
	/* "/a/b" is looked up as "/", "/a" and "/a/b". */
	best = match_group(policy, URINGAUDIT_MATCH_PATH_NAME,
			   uringaudit_hash_byte(hash, '/'), subj, best);
	for (; *p; p++) {
		if (*p == '/' && p != subj->path)
			best = match_group(policy, URINGAUDIT_MATCH_PATH_NAME,
					   hash, subj, best);
		hash = uringaudit_hash_byte(hash, *p);
	}
	if (p - subj->path > 1)
		best = match_group(policy, URINGAUDIT_MATCH_PATH_NAME, hash,
				   subj, best);
	return best;
}

/* The index: every value the op needs is there. */
static u32 match_indexed(const struct uringaudit_policy *policy,
			 const struct uringaudit_subject *subj, u32 keys)
{
	const u32 *list = policy->index[subj->op][subj->ctx];
	u32 n = policy->nr_index[subj->op][subj->ctx], best = U32_MAX, i;

	for (i = 0; i < n; i++) {
		if (decides(&policy->rules[list[i]], subj)) {
			best = list[i];
			break;
		}
	}
	if (keys & URINGAUDIT_MATCH_UID)
		best = match_group(policy, URINGAUDIT_MATCH_UID, subj->uid,
				   subj, best);
	if (keys & URINGAUDIT_MATCH_AUID)
		best = match_group(policy, URINGAUDIT_MATCH_AUID, subj->auid,
				   subj, best);
	if (keys & URINGAUDIT_MATCH_GID)
		best = match_group(policy, URINGAUDIT_MATCH_GID, subj->gid,
				   subj, best);
	if (keys & URINGAUDIT_MATCH_EXE)
		best = match_group(policy, URINGAUDIT_MATCH_EXE,
				   uringaudit_key_hash(&subj->exe), subj, best);
	if (keys & URINGAUDIT_MATCH_PATH)
		for (i = 0; i < subj->nr_obj; i++)
			best = match_group(policy, URINGAUDIT_MATCH_PATH,
					   uringaudit_key_hash(&subj->obj[i]),
					   subj, best);
	if ((keys & URINGAUDIT_MATCH_PATH_NAME) && subj->path)
		best = match_path_name(policy, subj, best);
	return best;
}

/*
 * The walk: some value is pending or failed.  Every rule that names the op
 * is looked at, in order, until one decides or makes the op wait.
 */
static void match_walk(const struct uringaudit_policy *policy,
		       const struct uringaudit_subject *subj,
		       struct uringaudit_verdict *v)
{
	const u32 *list = policy->all[subj->op][subj->ctx];
	u32 n = policy->nr_all[subj->op][subj->ctx], i, failed;

	for (i = 0; i < n; i++) {
		const struct uringaudit_rule *r = &policy->rules[list[i]];

		if (!uringaudit_rule_names(r, subj->op, subj->opcode,
					   subj->ctx))
			continue;
		switch (uringaudit_rule_eval(r, subj, &failed)) {
		case URINGAUDIT_MATCH:
			v->rule = r;
			return;
		case URINGAUDIT_UNDECIDED:
			v->pending = true;
			return;
		case URINGAUDIT_UNRESOLVED:
			if (r->action == URINGAUDIT_ALLOW)
				break;
			v->rule = r;
			v->failed = failed;
			return;
		default:
			break;
		}
	}
}

/**
 * uringaudit_policy_match() - Find the rule that decides an op
 * @policy: The policy, indexed.
 * @subj: The op; its values are read only when @policy->needs[op][ctx]
 *	asks for them.
 * @verdict: Where the answer goes.
 *
 * Only the rules that name the op, opcode and context (or name none) are
 * looked at; of those, the first in the order of the policy that matches
 * wins.
 */
void uringaudit_policy_match(const struct uringaudit_policy *policy,
			     const struct uringaudit_subject *subj,
			     struct uringaudit_verdict *verdict)
{
	u32 needs, keys, bit;

	memset(verdict, 0, sizeof(*verdict));
	if (subj->op >= __URINGAUDIT_OP_MAX || subj->ctx >= URINGAUDIT_NR_CTX)
		return;
	needs = policy->needs[subj->op][subj->ctx];
	keys = policy->keys[subj->op][subj->ctx];
	/* The few keys the op's rules have, not every key. */
	for (; needs; needs &= needs - 1) {
		bit = __ffs(needs);
		switch (subj->state[bit]) {
		case URINGAUDIT_VALUE_PENDING:
		case URINGAUDIT_VALUE_FAILED:
			match_walk(policy, subj, verdict);
			return;
		case URINGAUDIT_VALUE_ABSENT:
			/* No group holds an absent value. */
			keys &= ~BIT(bit);
			break;
		default:
			break;
		}
	}
	bit = match_indexed(policy, subj, keys);
	if (bit != U32_MAX)
		verdict->rule = &policy->rules[bit];
}
