/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - The active policy, the mode and the lock
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_ACTIVE_H
#define _SECURITY_URINGAUDIT_ACTIVE_H

#include <crypto/sha2.h>
#include <linux/bitops.h>
#include <linux/init.h>
#include <linux/kref.h>
#include <linux/rcupdate.h>
#include <linux/time64.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "policy.h"

/**
 * struct uringaudit_active - The policy in force, as published under RCU
 *
 * Immutable once published; replaced whole by uringaudit_load().  Readers
 * need only rcu_read_lock(); a decision that keeps a rule past its RCU
 * read section (for its record) takes a reference.
 *
 * @ref: References: one for being the active policy, one per decision
 *	that holds one of its rules.
 * @rcu: Drops the active policy's reference after the last reader.
 * @free_work: Frees it in process context, after the last reference.
 * @policy: The parsed, resolved and indexed policy.
 * @text: Its normal form, as the policy file reads back.
 * @text_len: Length of @text.
 * @rule_start: For each rule, and one past the last, where its line of
 *	@text starts: records quote a rule without formatting it again.
 * @generation: A number no other policy loaded since boot has.
 * @quiet: For each context, the op classes (a bit per &enum uringaudit_op)
 *	that no rule names while the default allows them: allowed and counted
 *	without a decision.
 * @quiet_opcodes: The same for opcodes: no rule names the opcode or any
 *	class it can reach (precise mode).
 * @opcode_rules: For each context, the op classes some rule of which names
 *	opcodes: their decisions depend on the opcode, and are not remembered
 *	by class.
 * @needs: What any rule matches on (%URINGAUDIT_MATCH_*).
 * @nr_unresolved: Rules whose path or program did not exist when the
 *	policy was loaded.
 * @digest: SHA-256 of @text.
 * @loaded: When it was loaded, in seconds since the epoch.
 */
struct uringaudit_active {
	struct kref ref;
	struct rcu_head rcu;
	struct work_struct free_work;
	struct uringaudit_policy *policy;
	char *text;
	size_t text_len;
	u32 *rule_start;
	u64 generation;
	u64 quiet[URINGAUDIT_NR_CTX];
	u64 quiet_opcodes[URINGAUDIT_NR_CTX];
	u64 opcode_rules[URINGAUDIT_NR_CTX];
	u32 needs;
	u32 nr_unresolved;
	u8 digest[SHA256_DIGEST_SIZE];
	time64_t loaded;
};

extern struct uringaudit_active __rcu *uringaudit_active;
extern unsigned long uringaudit_opcode_interest[BITS_TO_LONGS(64)];
extern bool uringaudit_permissive;
extern bool uringaudit_locked;

/**
 * uringaudit_active_get() - Take a reference to a policy
 * @active: A policy read under rcu_read_lock().
 *
 * Return: @active, valid until uringaudit_active_put().
 */
static inline struct uringaudit_active *
uringaudit_active_get(struct uringaudit_active *active)
{
	kref_get(&active->ref);
	return active;
}

/**
 * uringaudit_quiet() - Whether only an allowing default can decide an op
 * @op: The op class or event.
 * @ctx: Its context; not %URINGAUDIT_CTX_NONE.
 *
 * True with no policy loaded, or when no rule of the policy names the op
 * in its context and the default is allow.
 *
 * Return: true when the op is allowed without a decision.
 */
static inline bool uringaudit_quiet(u32 op, u32 ctx)
{
	const struct uringaudit_active *active;
	bool quiet;

	rcu_read_lock();
	active = rcu_dereference(uringaudit_active);
	quiet = !active || (active->quiet[ctx] & BIT_ULL(op));
	rcu_read_unlock();
	return quiet;
}

/**
 * uringaudit_quiet_opcode() - Whether only an allowing default can decide
 * an opcode
 * @opcode: The IORING_OP_*.
 * @ctx: Where it is issued.
 *
 * Return: true when no rule names the opcode, nor any class it can reach,
 * in @ctx, and the default is allow.
 */
static inline bool uringaudit_quiet_opcode(u32 opcode, u32 ctx)
{
	const struct uringaudit_active *active;
	bool quiet;

	rcu_read_lock();
	active = rcu_dereference(uringaudit_active);
	quiet = !active || (active->quiet_opcodes[ctx] & BIT_ULL(opcode));
	rcu_read_unlock();
	return quiet;
}

void uringaudit_active_put(struct uringaudit_active *active);
int uringaudit_load(const char *text, size_t len);
const char *uringaudit_active_rule(const struct uringaudit_active *active,
				   const struct uringaudit_rule *rule,
				   u32 *len);
struct uringaudit_active *uringaudit_active_snapshot(void);
int uringaudit_set_permissive(bool permissive);
void uringaudit_lock(void);
int __init uringaudit_load_boot_default(void);

#endif /* _SECURITY_URINGAUDIT_ACTIVE_H */
