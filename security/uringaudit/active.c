// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - The active policy, the mode and the lock
 *
 * One writer at a time, under uringaudit_state_lock; readers (every
 * decision) only take rcu_read_lock().  A policy is parsed, resolved,
 * indexed and checked whole before it replaces the active one, so a
 * rejected policy leaves the active one exactly as it was.  Each change is
 * recorded here, where it is made.
 *
 * A replaced policy is freed once its RCU readers are gone and no decision
 * holds one of its rules, in process context: a policy of thousands of
 * rules is not freed in softirq.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/atomic.h>
#include <linux/audit.h>
#include <linux/bitmap.h>
#include <linux/bug.h>
#include <linux/cred.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "active.h"
#include "common.h"
#include "resolve.h"
#include "setup.h"
#include "state_record.h"

struct uringaudit_active __rcu *uringaudit_active;
/*
 * The opcodes some context of the active policy does not let through
 * without a decision: a bitmap, so that the issue hook tests its bit with
 * test_bit().
 */
unsigned long uringaudit_opcode_interest[BITS_TO_LONGS(64)];
bool uringaudit_permissive;
bool uringaudit_locked;

static DEFINE_MUTEX(uringaudit_state_lock);

/* Errors of a rejected policy that make it to the kernel log. */
#define MAX_LOGGED_ERRORS 5

static void free_active(struct uringaudit_active *active)
{
	uringaudit_policy_free(active->policy);
	kvfree(active->text);
	kvfree(active->rule_start);
	kfree(active);
}

static void free_active_work(struct work_struct *work)
{
	free_active(container_of(work, struct uringaudit_active, free_work));
}

/* The last reference may go in softirq (RCU): free in a worker. */
static void release_active(struct kref *ref)
{
	struct uringaudit_active *active =
		container_of(ref, struct uringaudit_active, ref);

	schedule_work(&active->free_work);
}

/**
 * uringaudit_active_put() - Drop a reference to a policy
 * @active: The policy.
 */
void uringaudit_active_put(struct uringaudit_active *active)
{
	kref_put(&active->ref, release_active);
}

static void put_active_rcu(struct rcu_head *head)
{
	struct uringaudit_active *active =
		container_of(head, struct uringaudit_active, rcu);

	uringaudit_active_put(active);
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

/*
 * The normal form is the default's line, maybe the unrecorded line, then a
 * line per rule.
 */
static int find_rule_lines(struct uringaudit_active *active)
{
	const struct uringaudit_policy *pol = active->policy;
	u32 n = pol->nr_rules, i = 0, skip;
	const char *p = active->text;

	skip = pol->unrecorded != URINGAUDIT_ALLOW ? 1 : 0;
	active->rule_start = kvcalloc(n + 1, sizeof(u32), GFP_KERNEL_ACCOUNT);
	if (!active->rule_start)
		return -ENOMEM;
	while (i <= n && (p = strchr(p, '\n'))) {
		p++;
		if (skip) {
			skip--;
			continue;
		}
		active->rule_start[i++] = p - active->text;
	}
	/* Tokens never hold a newline: anything else is a bug here. */
	return WARN_ON_ONCE(i != n + 1) ? -EINVAL : 0;
}

/* Numbers the policies: what a task's cache was filled under. */
static atomic64_t generation = ATOMIC64_INIT(0);

/* Whether some rule naming @op in @ctx may match @opcode. */
static bool names_opcode(const struct uringaudit_policy *pol, u32 op, u32 ctx,
			 u32 opcode)
{
	u32 i;

	for (i = 0; i < pol->nr_all[op][ctx]; i++) {
		const struct uringaudit_rule *r =
			&pol->rules[pol->all[op][ctx][i]];

		if (!r->opcodes || (r->opcodes & BIT_ULL(opcode)))
			return true;
	}
	return false;
}

/* What nothing but an allowing default decides, and what rules depend on. */
static void find_quiet(struct uringaudit_active *active)
{
	const struct uringaudit_policy *pol = active->policy;
	bool allow = pol->default_action == URINGAUDIT_ALLOW;
	u32 op, ctx, opcode, i;
	u64 ops;

	for (i = 0; i < pol->nr_rules; i++) {
		const struct uringaudit_rule *r = &pol->rules[i];

		if (!r->opcodes)
			continue;
		for (ctx = 0; ctx < URINGAUDIT_NR_CTX; ctx++)
			if (uringaudit_rule_ctxs(r) & BIT(ctx))
				active->opcode_rules[ctx] |=
					uringaudit_rule_ops(r);
	}
	for (ctx = 0; ctx < URINGAUDIT_NR_CTX; ctx++) {
		for (op = 0; op < __URINGAUDIT_OP_MAX; op++) {
			active->needs |= pol->needs[op][ctx];
			if (allow && !pol->nr_all[op][ctx])
				active->quiet[ctx] |= BIT_ULL(op);
		}
		for (opcode = 0; opcode < URINGAUDIT_NR_OPCODES; opcode++) {
			bool quiet = allow;

			ops = uringaudit_opcodes[opcode].ops;
			while (quiet && ops) {
				op = __ffs64(ops);
				ops &= ~BIT_ULL(op);
				quiet = !names_opcode(pol, op, ctx, opcode);
			}
			if (quiet)
				active->quiet_opcodes[ctx] |= BIT_ULL(opcode);
		}
	}
}

/* The opcodes some context does not let through without a decision. */
static u64 opcode_interest(const struct uringaudit_active *active)
{
	u64 interest = 0;
	u32 ctx;

	if (!active)
		return 0;
	for (ctx = 0; ctx < URINGAUDIT_NR_CTX; ctx++)
		interest |= ~active->quiet_opcodes[ctx];
	return interest & GENMASK_ULL(URINGAUDIT_NR_OPCODES - 1, 0);
}

/* Compat mode cannot see opcodes, nor task_work: such rules never match. */
static int check_mode(const struct uringaudit_policy *pol)
{
	u32 i;

	if (uringaudit_precise())
		return 0;
	for (i = 0; i < pol->nr_rules; i++) {
		const struct uringaudit_rule *r = &pol->rules[i];

		if (r->opcodes || (r->ctxs & BIT(URINGAUDIT_CTX_TASKWORK))) {
			pr_warn("policy rejected: line %u: opcode= and ctx=taskwork need precise mode (the io_uring LSM hooks)\n",
				r->line);
			return -EOPNOTSUPP;
		}
	}
	return 0;
}

/**
 * uringaudit_active_rule() - The normal form of a rule of a policy
 * @active: The policy.
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

	active = kzalloc(sizeof(*active), GFP_KERNEL_ACCOUNT);
	if (!active)
		return ERR_PTR(-ENOMEM);
	kref_init(&active->ref);
	INIT_WORK(&active->free_work, free_active_work);
	active->policy = uringaudit_policy_parse(text, len, report, arg);
	if (IS_ERR(active->policy)) {
		err = PTR_ERR(active->policy);
		kfree(active);
		return ERR_PTR(err);
	}
	err = check_mode(active->policy);
	if (!err)
		err = uringaudit_resolve(active->policy,
					 &active->nr_unresolved);
	if (!err)
		err = uringaudit_policy_index(active->policy);
	if (err)
		goto fail;
	size = uringaudit_policy_format(active->policy, NULL, 0) + 1;
	active->text = kvmalloc(size, GFP_KERNEL_ACCOUNT);
	err = -ENOMEM;
	if (!active->text)
		goto fail;
	active->text_len =
		uringaudit_policy_format(active->policy, active->text, size);
	err = find_rule_lines(active);
	if (err)
		goto fail;
	find_quiet(active);
	active->generation = atomic64_inc_return(&generation);
	sha256(active->text, active->text_len, active->digest);
	active->loaded = ktime_get_real_seconds();
	return active;
fail:
	free_active(active);
	return ERR_PTR(err);
}

/* Set uringaudit_opcode_interest to @interest, word by word. */
static void set_interest(u64 interest)
{
	DECLARE_BITMAP(bits, 64);
	unsigned int i;

	bitmap_from_u64(bits, interest);
	for (i = 0; i < ARRAY_SIZE(uringaudit_opcode_interest); i++)
		WRITE_ONCE(uringaudit_opcode_interest[i], bits[i]);
}

/* Make @new the active policy; the caller holds the state lock. */
static void publish(struct uringaudit_active *new)
{
	static u64 interest_now;
	struct uringaudit_active *old;
	u64 interest = opcode_interest(new);

	BUILD_BUG_ON(URINGAUDIT_NR_OPCODES > 64);
	/* Opcodes the new policy names are looked at before it is in force. */
	set_interest(interest_now | interest);
	old = rcu_replace_pointer(uringaudit_active, new,
				  lockdep_is_held(&uringaudit_state_lock));
	/*
	 * Narrowed only once @new is visible: a task that skips an opcode
	 * the old policy named sees @new in force.
	 */
	smp_wmb();
	set_interest(interest);
	interest_now = interest;
	if (old)
		call_rcu(&old->rcu, put_active_rcu);
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
 * * %-EOPNOTSUPP - A rule needs precise mode and the kernel has not it.
 * * Any error of uringaudit_policy_parse().
 */
int uringaudit_load(const char *text, size_t len)
{
	struct uringaudit_active *new;
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
	publish(new);
	uringaudit_log_policy_load(new->digest, new->policy->nr_rules,
				   new->nr_unresolved, 0);
	mutex_unlock(&uringaudit_state_lock);
	return 0;

out_unlock:
	uringaudit_log_policy_load(NULL, 0, 0, err);
	mutex_unlock(&uringaudit_state_lock);
	return err;
}

/**
 * uringaudit_active_snapshot() - The active policy, referenced
 *
 * For a reader of the policy file: it sees one policy whole, whatever is
 * loaded while it reads.
 *
 * Return: The policy, to be put with uringaudit_active_put(), or NULL when
 * none is loaded.
 */
struct uringaudit_active *uringaudit_active_snapshot(void)
{
	struct uringaudit_active *active;

	rcu_read_lock();
	active = rcu_dereference(uringaudit_active);
	if (active)
		uringaudit_active_get(active);
	rcu_read_unlock();
	return active;
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
	uringaudit_log_mode(!permissive, !old, err);
	mutex_unlock(&uringaudit_state_lock);
	return err;
}

/**
 * uringaudit_lock() - Freeze the policy and the mode until reboot
 *
 * Emits an AUDIT_MAC_CONFIG_CHANGE record.  Locking twice is not an error.
 *
 * Context: Process context; takes uringaudit_state_lock.
 */
void uringaudit_lock(void)
{
	bool old;

	mutex_lock(&uringaudit_state_lock);
	old = uringaudit_locked;
	WRITE_ONCE(uringaudit_locked, true);
	uringaudit_log_lock(old);
	mutex_unlock(&uringaudit_state_lock);
}

#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "uringaudit."

static int boot_default = -1;

static int boot_default_set(const char *val, const struct kernel_param *kp)
{
	int i;

	for (i = 0; i < __URINGAUDIT_ACTION_MAX; i++) {
		if (sysfs_streq(val, uringaudit_action_names[i])) {
			boot_default = i;
			return 0;
		}
	}
	pr_err("uringaudit.default=%s: expected allow, audit or deny; ignored\n",
	       val);
	return -EINVAL;
}

static int boot_default_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n",
			  boot_default < 0 ?
				  "none" :
				  uringaudit_action_names[boot_default]);
}

static const struct kernel_param_ops boot_default_ops = {
	.set = boot_default_set,
	.get = boot_default_get,
};

module_param_cb(default, &boot_default_ops, &boot_default, 0444);
#define BOOT_DEFAULT_DESC \
	"The action for every io_uring operation until user space loads a policy: allow, audit or deny"
MODULE_PARM_DESC(default, BOOT_DEFAULT_DESC);

/**
 * uringaudit_load_boot_default() - Apply uringaudit.default= from the
 * kernel command line
 *
 * Makes "default <action>" the active policy until user space loads one.
 *
 * Return: 0, or -%ENOMEM.
 */
int __init uringaudit_load_boot_default(void)
{
	struct uringaudit_active *active;
	char text[32];

	if (boot_default < 0)
		return 0;
	snprintf(text, sizeof(text), "default %s\n",
		 uringaudit_action_names[boot_default]);
	active = new_active(text, strlen(text), NULL, NULL);
	if (IS_ERR(active))
		return PTR_ERR(active);
	mutex_lock(&uringaudit_state_lock);
	publish(active);
	mutex_unlock(&uringaudit_state_lock);
	pr_info("boot policy: default %s\n",
		uringaudit_action_names[boot_default]);
	return 0;
}
