/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - The decision on an io_uring operation
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_DECIDE_H
#define _SECURITY_URINGAUDIT_DECIDE_H

#include <linux/types.h>

#include "active.h"
#include "object.h"
#include "policy.h"
#include "subject.h"

/**
 * struct uringaudit_query - What is decided on
 * @op: The op class or event.
 * @opcode: The IORING_OP_*, or %URINGAUDIT_NO_OPCODE.
 * @ctx: The context; not %URINGAUDIT_CTX_NONE.
 * @who: The subject.
 * @obj: The object, or NULL when the op has none, or none yet.
 * @later: Whether a hook later in the op shows its object (or, for a
 *	socket, its address): rules on it then make the decision wait for
 *	that hook.
 * @unseen: The op has an object no hook will show (an O_PATH open): rules
 *	on its path fail closed.
 * @stale: The unix socket the kernel reached is not the one the op was
 *	decided on (it was replaced meanwhile): rules on its address fail
 *	closed.
 */
struct uringaudit_query {
	u32 op;
	u32 opcode;
	u32 ctx;
	struct uringaudit_who who;
	const struct uringaudit_object *obj;
	bool later;
	bool unseen;
	bool stale;
};

/**
 * struct uringaudit_decision - What was decided
 * @action: The action of the rule that decided, or of the default.
 * @pending: Nothing was decided: the op's object is to come.
 * @permissive: A deny was only recorded (permissive mode).
 * @failed: %URINGAUDIT_MATCH_* keys whose value could not be resolved and
 *	on which @rule matched, failing closed.
 * @failed_err: Why the first of @failed failed.
 * @active: The policy that decided, referenced when @action is audit or
 *	deny: the record quotes @rule from it.
 * @rule: The rule that decided, or NULL for the default.
 */
struct uringaudit_decision {
	enum uringaudit_action action;
	bool pending;
	bool permissive;
	u32 failed;
	int failed_err;
	struct uringaudit_active *active;
	const struct uringaudit_rule *rule;
};

/**
 * struct uringaudit_scratch - A task's room for the values of decisions
 * @keys: Identities of the object and the directories above it.
 * @path: The object's name from the initial root, or NULL.
 * @sock: The object's socket family and address.
 * @cgroup: The task's cgroup path, for @cgroup_id; or NULL.
 * @cgroup_id: The cgroup @cgroup is the path of.
 */
struct uringaudit_scratch {
	struct uringaudit_keys keys;
	char *path;
	struct uringaudit_sockinfo sock;
	char *cgroup;
	u64 cgroup_id;
};

/**
 * uringaudit_denies() - Whether a decision fails the op
 * @d: The decision.
 *
 * Return: true for a deny outside permissive mode.
 */
static inline bool uringaudit_denies(const struct uringaudit_decision *d)
{
	return !d->pending && d->action == URINGAUDIT_DENY && !d->permissive;
}

/**
 * uringaudit_records() - Whether a decision is recorded
 * @d: The decision.
 *
 * Return: true for audit and deny.
 */
static inline bool uringaudit_records(const struct uringaudit_decision *d)
{
	return !d->pending && d->action != URINGAUDIT_ALLOW;
}

bool uringaudit_decide_remembered(u32 op, u32 ctx, struct file *file,
				  struct task_struct *submitter);
void uringaudit_decide(struct uringaudit_scratch *s,
		       const struct uringaudit_query *q,
		       struct uringaudit_decision *d);
void uringaudit_decision_release(struct uringaudit_decision *d);
void uringaudit_scratch_free(struct uringaudit_scratch *s);

#endif /* _SECURITY_URINGAUDIT_DECIDE_H */
