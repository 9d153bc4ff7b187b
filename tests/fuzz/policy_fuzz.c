// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - libFuzzer target for the policy parser and matcher, built
 * from the kernel's own sources (security/uringaudit/policy_parser.c and
 * policy_match.c) with AddressSanitizer and UBSan.
 *
 * Each input is parsed; a policy that parses must print in a normal form
 * that parses again to the same normal form, and the matcher must answer
 * for every op and context without reading out of bounds.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <assert.h>

#include "policy.h"

static char first[2 << 20], second[2 << 20];

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
	int len, op, ctx;

	pol = uringaudit_policy_parse((const char *)data, size, NULL, NULL);
	if (IS_ERR(pol))
		return 0;
	len = uringaudit_policy_format(pol, first, sizeof(first));
	assert(len > 0 && (size_t)len < sizeof(first));
	for (op = 0; op < __URINGAUDIT_OP_MAX; op++) {
		for (ctx = 0; ctx < __URINGAUDIT_CTX_MAX; ctx++) {
			subj.op = op;
			subj.ctx = ctx;
			uringaudit_policy_match(pol, &subj);
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
