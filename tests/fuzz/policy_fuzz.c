// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - libFuzzer target for the policy parser, index and matcher,
 * built from the kernel's own sources (security/uringaudit/policy_*.c)
 * with AddressSanitizer and UBSan.
 *
 * Each input is parsed; a policy that parses must print in a normal form
 * that parses again to the same normal form.  Its path= and exe= rules are
 * resolved by hand (an identity per path, a few left unresolved), and the
 * matcher must answer, for every op, opcode and context and for values
 * known, absent, pending or failed, what a walk of every rule in order
 * answers: the index changes the cost, never the answer.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <assert.h>

#include "policy.h"

static char first[2 << 20], second[2 << 20];

static void key_of(const char *path, size_t len, struct uringaudit_key *k)
{
	k->ino = uringaudit_str_hash(path, len) | 1;
	k->dev = 8;
	k->gen = (u32)len;
}

/* Every rule's path and program resolved, but one rule in three's path. */
static void resolve(struct uringaudit_policy *pol)
{
	u32 i;

	for (i = 0; i < pol->nr_rules; i++) {
		struct uringaudit_rule *r = &pol->rules[i];

		if (r->match & URINGAUDIT_MATCH_EXE) {
			key_of(r->exe, r->exe_len, &r->exe_key);
			r->resolved |= URINGAUDIT_RESOLVED_EXE;
		}
		if (!(r->match & URINGAUDIT_MATCH_PATH) || i % 3 == 2)
			continue;
		if (r->path_len == 1) {
			r->resolved |= URINGAUDIT_RESOLVED_ANY_PATH;
			continue;
		}
		r->path_keys = calloc(1, sizeof(*r->path_keys));
		assert(r->path_keys);
		key_of(r->path, r->path_len, r->path_keys);
		r->nr_path_keys = 1;
		r->resolved |= URINGAUDIT_RESOLVED_PATH;
	}
}

/* The first rule that names the op and decides it, by walking them all. */
static void linear_match(const struct uringaudit_policy *pol,
			 const struct uringaudit_subject *subj,
			 struct uringaudit_verdict *v)
{
	u32 i, failed;

	memset(v, 0, sizeof(*v));
	if (subj->ctx >= URINGAUDIT_NR_CTX)
		return;
	for (i = 0; i < pol->nr_rules; i++) {
		const struct uringaudit_rule *r = &pol->rules[i];

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

static void check(const struct uringaudit_policy *pol,
		  const struct uringaudit_subject *subj)
{
	struct uringaudit_verdict a, b;

	uringaudit_policy_match(pol, subj, &a);
	linear_match(pol, subj, &b);
	assert(a.rule == b.rule && a.pending == b.pending &&
	       a.failed == b.failed);
}

/* Every op, some opcodes, every context of @subj. */
static void check_all(const struct uringaudit_policy *pol,
		      struct uringaudit_subject *subj)
{
	static const u32 opcodes[] = { 0, 18, 22, 26, 40, URINGAUDIT_NO_OPCODE };
	u32 op, ctx, i;

	for (op = 0; op < __URINGAUDIT_OP_MAX; op++)
		for (ctx = 0; ctx < __URINGAUDIT_CTX_MAX; ctx++)
			for (i = 0; i < sizeof(opcodes) / sizeof(*opcodes);
			     i++) {
				subj->op = op;
				subj->ctx = ctx;
				subj->opcode = opcodes[i];
				check(pol, subj);
			}
}

/* An object at @path, with the identities of it and of its directories. */
struct object {
	struct uringaudit_key keys[64];
};

static void object_at(struct uringaudit_subject *s, struct object *o,
		      const char *path)
{
	size_t len = strlen(path);
	u32 n = 0;

	s->path = path;
	for (; len > 1 && n < 63; len--)
		if (len == strlen(path) || path[len] == '/')
			key_of(path, len, &o->keys[n++]);
	key_of("/", 1, &o->keys[n++]);
	s->obj = o->keys;
	s->nr_obj = n;
}

/* The same subject with each of its values known, absent, pending, failed. */
static void check_states(const struct uringaudit_policy *pol,
			 struct uringaudit_subject *subj, u32 seed)
{
	u32 bit;

	check_all(pol, subj);
	for (bit = 0; bit < URINGAUDIT_NR_MATCH; bit++) {
		u8 saved = subj->state[bit];

		subj->state[bit] = (seed + bit) % 4;
		check_all(pol, subj);
		subj->state[bit] = saved;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct uringaudit_subject subj = {
		.uid = 1000,
		.gid = 1000,
		.auid = 1000,
		.family = URINGAUDIT_AF_INET,
		.addr = { .family = URINGAUDIT_AF_INET, .ip = { 127, 0, 0, 1 } },
		.port = 4444,
		.cgroup = "/system.slice",
	};
	struct uringaudit_policy *pol, *again;
	char below[URINGAUDIT_POLICY_MAX_PATH + 8];
	struct object obj;
	u32 i;
	int len;

	pol = uringaudit_policy_parse((const char *)data, size, NULL, NULL);
	if (IS_ERR(pol))
		return 0;
	len = uringaudit_policy_format(pol, first, sizeof(first));
	assert(len > 0 && (size_t)len < sizeof(first));
	resolve(pol);
	assert(!uringaudit_policy_index(pol));
	key_of("/usr/bin/x", 10, &subj.exe);
	object_at(&subj, &obj, "/etc/passwd");
	check_states(pol, &subj, (u32)size);
	/* Subjects that the first rules' keys match, and paths below them. */
	for (i = 0; i < pol->nr_rules && i < 8; i++) {
		const struct uringaudit_rule *r = &pol->rules[i];
		struct uringaudit_subject s = subj;

		if (r->match & URINGAUDIT_MATCH_UID)
			s.uid = r->uid;
		if (r->match & URINGAUDIT_MATCH_GID)
			s.gid = r->gid;
		if ((r->match & URINGAUDIT_MATCH_AUID) && i % 2)
			s.auid = r->auid;
		if (r->match & URINGAUDIT_MATCH_EXE)
			key_of(r->exe, r->exe_len, &s.exe);
		if (r->match & URINGAUDIT_MATCH_CGROUP)
			s.cgroup = r->cgroup;
		if (r->match & URINGAUDIT_MATCH_FAMILY)
			s.family = __builtin_ctzll(r->families);
		if (r->match & URINGAUDIT_MATCH_ADDR)
			s.addr = r->addr;
		if (r->match & URINGAUDIT_MATCH_PORT)
			s.port = r->port_hi;
		check_all(pol, &s);
		if (r->match & URINGAUDIT_MATCH_PATH) {
			object_at(&s, &obj, r->path);
			check_states(pol, &s, i);
			snprintf(below, sizeof(below), "%s/x", r->path);
			object_at(&s, &obj, below);
			check_all(pol, &s);
		}
	}
	again = uringaudit_policy_parse(first, len, NULL, NULL);
	assert(!IS_ERR(again));
	uringaudit_policy_format(again, second, sizeof(second));
	assert(!strcmp(first, second));
	uringaudit_policy_free(again);
	uringaudit_policy_free(pol);
	return 0;
}
