// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - The active policy, the mode and the lock
 *
 * One writer at a time, under uringaudit_state_lock; readers (every
 * decision) only take rcu_read_lock().  A policy is parsed and validated
 * whole before it replaces the active one, so a rejected policy leaves the
 * active one exactly as it was.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/atomic.h>
#include <linux/audit.h>
#include <linux/bug.h>
#include <linux/cred.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "active.h"
#include "audit.h"
#include "common.h"

struct uringaudit_active __rcu *uringaudit_active;
bool uringaudit_permissive;
bool uringaudit_locked;

static DEFINE_MUTEX(uringaudit_state_lock);

/* Errors of a rejected policy that make it to the kernel log. */
#define MAX_LOGGED_ERRORS 5

static void free_active(struct uringaudit_active *active)
{
	if (!active)
		return;
	uringaudit_policy_free(active->policy);
	kvfree(active->text);
	kvfree(active->rule_start);
	kfree(active);
}

static void free_active_rcu(struct rcu_head *head)
{
	free_active(container_of(head, struct uringaudit_active, rcu));
}

struct parse_log {
	u32 logged;
};

static void log_parse_error(void *arg, u32 line, u32 col, int err,
			    const char *msg)
{
	struct parse_log *log = arg;

	if (log->logged++ < MAX_LOGGED_ERRORS)
		pr_warn("policy rejected: line %u, column %u: %s (%d)\n", line,
			col, msg, err);
}

/* The normal form is the default's line, then a line per rule. */
static int find_rule_lines(struct uringaudit_active *active)
{
	u32 n = active->policy->nr_rules, i = 0;
	const char *p = active->text;

	active->rule_start = kvcalloc(n + 1, sizeof(u32), GFP_KERNEL);
	if (!active->rule_start)
		return -ENOMEM;
	while (i <= n && (p = strchr(p, '\n')))
		active->rule_start[i++] = ++p - active->text;
	/* Tokens never hold a newline: anything else is a bug here. */
	return WARN_ON_ONCE(i != n + 1) ? -EINVAL : 0;
}

/* Numbers the policies: what a task's cache was filled under. */
static atomic64_t generation = ATOMIC64_INIT(0);

/* The ops that nothing but an allowing default decides. */
static void find_quiet_ops(struct uringaudit_active *active)
{
	const struct uringaudit_policy *pol = active->policy;
	u32 op, ctx;

	if (pol->default_action != URINGAUDIT_ALLOW)
		return;
	for (op = 0; op < __URINGAUDIT_OP_MAX; op++)
		for (ctx = 0; ctx < URINGAUDIT_NR_RULE_CTX; ctx++)
			if (!pol->nr_index[op][ctx] && !pol->keys[op][ctx])
				active->quiet[ctx] |= BIT_ULL(op);
}

/**
 * uringaudit_active_rule() - The normal form of a rule of the active policy
 * @active: The active policy.
 * @rule: One of its rules.
 * @len: Where to put the length of the text.
 *
 * Return: The text, not NUL-terminated.
 */
const char *uringaudit_active_rule(const struct uringaudit_active *active,
				   const struct uringaudit_rule *rule, u32 *len)
{
	u32 i = rule - active->policy->rules;

	/* Less the newline. */
	*len = active->rule_start[i + 1] - active->rule_start[i] - 1;
	return active->text + active->rule_start[i];
}

static struct uringaudit_active *new_active(const char *text, size_t len,
					    uringaudit_parse_error_t report,
					    void *arg)
{
	struct uringaudit_active *active;
	int size, err;

	active = kzalloc(sizeof(*active), GFP_KERNEL);
	if (!active)
		return ERR_PTR(-ENOMEM);
	active->policy = uringaudit_policy_parse(text, len, report, arg);
	if (IS_ERR(active->policy)) {
		int err = PTR_ERR(active->policy);

		kfree(active);
		return ERR_PTR(err);
	}
	size = uringaudit_policy_format(active->policy, NULL, 0) + 1;
	active->text = kvmalloc(size, GFP_KERNEL);
	if (!active->text) {
		free_active(active);
		return ERR_PTR(-ENOMEM);
	}
	active->text_len =
		uringaudit_policy_format(active->policy, active->text, size);
	err = find_rule_lines(active);
	if (err) {
		free_active(active);
		return ERR_PTR(err);
	}
	find_quiet_ops(active);
	active->generation = atomic64_inc_return(&generation);
	sha256(active->text, active->text_len, active->digest);
	active->loaded = ktime_get_real_seconds();
	return active;
}

/**
 * uringaudit_load() - Replace the active policy
 * @text: The new policy's text; need not be NUL-terminated.
 * @len: Its length.
 *
 * Emits an AUDIT_MAC_POLICY_LOAD record, for success and for failure.
 *
 * Context: Process context; takes uringaudit_state_lock.
 * Return: 0 when the new policy is active, else the active one is kept and:
 *
 * * %-EPERM - Policy changes are locked.
 * * Any error of uringaudit_policy_parse().
 */
int uringaudit_load(const char *text, size_t len)
{
	struct uringaudit_active *new, *old;
	struct parse_log log = {};
	int err = 0;

	mutex_lock(&uringaudit_state_lock);
	if (uringaudit_locked) {
		err = -EPERM;
		goto out_unlock;
	}
	new = new_active(text, len, log_parse_error, &log);
	if (IS_ERR(new)) {
		err = PTR_ERR(new);
		goto out_unlock;
	}
	old = rcu_replace_pointer(uringaudit_active, new,
				  lockdep_is_held(&uringaudit_state_lock));
	uringaudit_audit_policy_load(new->digest, new->policy->nr_rules, 0);
	mutex_unlock(&uringaudit_state_lock);
	if (old)
		call_rcu(&old->rcu, free_active_rcu);
	return 0;

out_unlock:
	uringaudit_audit_policy_load(NULL, 0, err);
	mutex_unlock(&uringaudit_state_lock);
	return err;
}

/**
 * uringaudit_set_permissive() - Switch between enforce and permissive mode
 * @permissive: The new mode.
 *
 * Emits an AUDIT_MAC_STATUS record.
 *
 * Context: Process context; takes uringaudit_state_lock.
 * Return: 0, or %-EPERM when the mode is locked.
 */
int uringaudit_set_permissive(bool permissive)
{
	bool old;
	int err = 0;

	mutex_lock(&uringaudit_state_lock);
	old = uringaudit_permissive;
	if (uringaudit_locked)
		err = -EPERM;
	else
		WRITE_ONCE(uringaudit_permissive, permissive);
	uringaudit_audit_mode(!permissive, !old, err);
	mutex_unlock(&uringaudit_state_lock);
	return err;
}

/**
 * uringaudit_lock() - Freeze the policy and the mode until reboot
 *
 * Emits an AUDIT_MAC_STATUS record.  Locking twice is not an error.
 *
 * Context: Process context; takes uringaudit_state_lock.
 * Return: 0.
 */
int uringaudit_lock(void)
{
	bool old;

	mutex_lock(&uringaudit_state_lock);
	old = uringaudit_locked;
	WRITE_ONCE(uringaudit_locked, true);
	uringaudit_audit_lock(old);
	mutex_unlock(&uringaudit_state_lock);
	return 0;
}

/**
 * uringaudit_active_text() - A copy of the active policy's normal form
 * @len: Set to its length.
 *
 * Context: Process context; takes uringaudit_state_lock.
 * Return: The text, to be freed with kvfree(); an empty string when no
 * policy is loaded; NULL when out of memory.
 */
char *uringaudit_active_text(size_t *len)
{
	const struct uringaudit_active *active;
	struct mutex *lock = &uringaudit_state_lock;
	char *text;

	mutex_lock(lock);
	active = rcu_dereference_protected(uringaudit_active,
					   lockdep_is_held(lock));
	*len = active ? active->text_len : 0;
	text = kvmalloc(*len + 1, GFP_KERNEL);
	if (text) {
		if (active)
			memcpy(text, active->text, *len);
		text[*len] = '\0';
	}
	mutex_unlock(lock);
	return text;
}

static char *boot_default __initdata;

static int __init boot_default_setup(char *str)
{
	boot_default = str;
	return 1;
}
__setup("uringaudit.default=", boot_default_setup);

/**
 * uringaudit_load_boot_default() - Apply uringaudit.default= from the
 * kernel command line
 *
 * Makes "default <action>" the active policy until user space loads one.
 *
 * Return: 0, or %-EINVAL for an action other than allow, audit or deny.
 */
int __init uringaudit_load_boot_default(void)
{
	struct uringaudit_active *active;
	char text[32];

	if (!boot_default)
		return 0;
	if (strcmp(boot_default, "allow") && strcmp(boot_default, "audit") &&
	    strcmp(boot_default, "deny")) {
		pr_err("uringaudit.default=%s: expected allow, audit or deny; ignored\n",
		       boot_default);
		return -EINVAL;
	}
	snprintf(text, sizeof(text), "default %s\n", boot_default);
	active = new_active(text, strlen(text), NULL, NULL);
	if (IS_ERR(active))
		return PTR_ERR(active);
	rcu_assign_pointer(uringaudit_active, active);
	pr_info("boot policy: default %s\n", boot_default);
	return 0;
}
