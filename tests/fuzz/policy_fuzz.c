// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - libFuzzer target for the policy parser and matcher, built
 * from the kernel's own sources (security/uringaudit/policy_parser.c and
 * policy_match.c) with AddressSanitizer and UBSan.
 *
 * Each input is parsed; a policy that parses must print in a normal form
 * that parses again to the same normal form, and the matcher must answer
 * for every op and context without reading out of bounds, with the rule a
 * walk of every rule in order finds: the index changes the cost, never
 * the answer.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <assert.h>

#include "policy.h"

static char first[2 << 20], second[2 << 20];

/* The first rule that names the op and matches it, by walking them all. */
static const struct uringaudit_rule *
linear_match(const struct uringaudit_policy *pol,
	     const struct uringaudit_subject *subj)
{
	u32 i;

	for (i = 0; i < pol->nr_rules; i++) {
		const struct uringaudit_rule *r = &pol->rules[i];

		if (uringaudit_rule_names(r, subj->op, subj->ctx) &&
		    uringaudit_rule_matches(r, subj))
			return r;
	}
	return NULL;
}

/* Every op and context of @subj: the index agrees with the walk. */
static void check_match(const struct uringaudit_policy *pol,
			struct uringaudit_subject *subj)
{
	int op, ctx;

	for (op = 0; op < __URINGAUDIT_OP_MAX; op++) {
		for (ctx = 0; ctx < __URINGAUDIT_CTX_MAX; ctx++) {
			subj->op = op;
			subj->ctx = ctx;
			if (ctx == URINGAUDIT_CTX_NONE)
				uringaudit_policy_match(pol, subj);
			else
				assert(uringaudit_policy_match(pol, subj) ==
				       linear_match(pol, subj));
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct uringaudit_subject subj = {
		.uid = 1000,
		.gid = 1000,
		.auid = 1000,
		.exe = "/usr/bin/x",
		.path = "/etc/passwd",
	};
	struct uringaudit_policy *pol, *again;
	char below[URINGAUDIT_POLICY_MAX_PATH + 8];
	u32 i;
	int len;

	pol = uringaudit_policy_parse((const char *)data, size, NULL, NULL);
	if (IS_ERR(pol))
		return 0;
	len = uringaudit_policy_format(pol, first, sizeof(first));
	assert(len > 0 && (size_t)len < sizeof(first));
	check_match(pol, &subj);
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
			s.exe = r->exe;
		check_match(pol, &s);
		if (r->match & URINGAUDIT_MATCH_PATH) {
			s.path = r->path;
			check_match(pol, &s);
			snprintf(below, sizeof(below), "%s/x", r->path);
			s.path = below;
			check_match(pol, &s);
		}
		s.path = NULL;
		s.exe = NULL;
		check_match(pol, &s);
	}
	again = uringaudit_policy_parse(first, len, NULL, NULL);
	assert(!IS_ERR(again));
	uringaudit_policy_format(again, second, sizeof(second));
	assert(!strcmp(first, second));
	uringaudit_policy_free(again);
	uringaudit_policy_free(pol);
	return 0;
}
