/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Audit records
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_AUDIT_H
#define _SECURITY_URINGAUDIT_AUDIT_H

#include <linux/cred.h>
#include <linux/types.h>

#include "eval.h"
#include "origin.h"
#include "policy.h"

/**
 * struct uringaudit_decision - One decision, as a record tells it
 *
 * @subj: The op, its context and what the policy matched on.
 * @obj: The op's object.
 * @rule: The rule that decided, or NULL for the policy's default.
 * @rule_text: Its normal form, not NUL-terminated, when @rule is set.
 * @rule_len: Length of @rule_text.
 * @action: What was decided.
 * @permissive: Whether a deny was only recorded.
 * @cred: The op's credentials.
 * @origin: The tag of the current io thread, or NULL inline.
 * @scratch: Paths already resolved for matching, reused for the record.
 */
struct uringaudit_decision {
	const struct uringaudit_subject *subj;
	const struct uringaudit_object *obj;
	const struct uringaudit_rule *rule;
	const char *rule_text;
	u32 rule_len;
	enum uringaudit_action action;
	bool permissive;
	const struct cred *cred;
	const struct uringaudit_origin *origin;
	struct uringaudit_scratch *scratch;
};

void uringaudit_audit_decision(const struct uringaudit_decision *d);
void uringaudit_audit_policy_load(const u8 *digest, u32 nr_rules, int err);
void uringaudit_audit_mode(bool enforcing, bool old_enforcing, int err);
void uringaudit_audit_lock(bool old_locked);

#endif /* _SECURITY_URINGAUDIT_AUDIT_H */
