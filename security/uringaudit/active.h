/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - The active policy, the mode and the lock
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_ACTIVE_H
#define _SECURITY_URINGAUDIT_ACTIVE_H

#include <crypto/sha2.h>
#include <linux/rcupdate.h>
#include <linux/time64.h>
#include <linux/types.h>

#include "policy.h"

/**
 * struct uringaudit_active - The policy in force, as published under RCU
 *
 * Immutable once published; replaced whole by uringaudit_load().
 *
 * @policy: The parsed policy.
 * @text: Its normal form, as the policy file reads back.
 * @text_len: Length of @text.
 * @rule_start: For each rule, and one past the last, where its line of
 *	@text starts: records quote a rule without formatting it again.
 * @generation: A number no other policy loaded since boot has.
 * @quiet: For each context, the ops (a bit per &enum uringaudit_op) that
 *	no rule names while the default allows them: allowed and counted
 *	inline, without a call.
 * @digest: SHA-256 of @text.
 * @loaded: When it was loaded, in seconds since the epoch.
 * @rcu: Frees the whole after the last reader.
 */
struct uringaudit_active {
	struct uringaudit_policy *policy;
	char *text;
	size_t text_len;
	u32 *rule_start;
	u64 generation;
	u64 quiet[URINGAUDIT_NR_RULE_CTX];
	u8 digest[SHA256_DIGEST_SIZE];
	time64_t loaded;
	struct rcu_head rcu;
};

extern struct uringaudit_active __rcu *uringaudit_active;
extern bool uringaudit_permissive;
extern bool uringaudit_locked;

int uringaudit_load(const char *text, size_t len);
const char *uringaudit_active_rule(const struct uringaudit_active *active,
				   const struct uringaudit_rule *rule,
				   u32 *len);
char *uringaudit_active_text(size_t *len);
int uringaudit_set_permissive(bool permissive);
int uringaudit_lock(void);
int __init uringaudit_load_boot_default(void);

#endif /* _SECURITY_URINGAUDIT_ACTIVE_H */
