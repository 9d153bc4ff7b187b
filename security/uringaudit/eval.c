// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - The decision on an io_uring operation
 *
 * Every hook ends here: one decision per op, in one RCU read section of the
 * active policy.  Paths are resolved only when a candidate rule matches on
 * them or a record names them.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uidgid.h>

#include "active.h"
#include "audit.h"
#include "eval.h"
#include "origin.h"
#include "stats.h"

/* Decisions run in any process context, some under locks: never sleep. */
#define SCRATCH_GFP (GFP_ATOMIC | __GFP_NOWARN)

static char *resolve_path(const struct uringaudit_object *obj, char *buf,
			  int size)
{
	struct path entry;

	switch (obj->type) {
	case URINGAUDIT_OBJ_FILE:
		return file_path(obj->file, buf, size);
	case URINGAUDIT_OBJ_PATH:
		return d_path(obj->path, buf, size);
	case URINGAUDIT_OBJ_ENTRY:
		entry.mnt = obj->path->mnt;
		entry.dentry = obj->dentry;
		return d_path(&entry, buf, size);
	default:
		return dentry_path_raw(obj->dentry, buf, size);
	}
}

/**
 * uringaudit_object_path() - The path of an op's object
 * @obj: The object.
 * @scratch: Where the result is kept for the rest of the decision.
 *
 * The path of a dentry without a mount (getxattr, setxattr) is relative
 * to the root of its file system.
 *
 * Return: The path, or NULL when the object has none or it cannot be
 * resolved.
 */
const char *uringaudit_object_path(const struct uringaudit_object *obj,
				   struct uringaudit_scratch *scratch)
{
	char *p;

	if (scratch->path_done)
		return scratch->path;
	scratch->path_done = true;

	switch (obj->type) {
	case URINGAUDIT_OBJ_FILE:
	case URINGAUDIT_OBJ_PATH:
	case URINGAUDIT_OBJ_ENTRY:
	case URINGAUDIT_OBJ_DENTRY:
		break;
	default:
		return NULL;
	}
	/* Most paths fit the stack buffer; the others cost an allocation. */
	p = resolve_path(obj, scratch->path_inline,
			 sizeof(scratch->path_inline));
	if (p == ERR_PTR(-ENAMETOOLONG)) {
		scratch->path_buf = kmalloc(PATH_MAX, SCRATCH_GFP);
		if (!scratch->path_buf)
			return NULL;
		p = resolve_path(obj, scratch->path_buf, PATH_MAX);
	}
	if (!IS_ERR(p))
		scratch->path = p;
	return scratch->path;
}

/*
 * The decision of an op that a rule names, or that the default audits or
 * denies: the subject, the match and the record.  Kept out of line, with
 * its buffers, so that the other decisions do not set up its stack frame
 * (which the kernel zeroes, CONFIG_INIT_STACK_ALL_ZERO).  Says whether the
 * task may remember the decision (uringaudit_cache_remember()).
 */
static noinline int
decide_policy(const struct uringaudit_active *active, enum uringaudit_op op,
	      enum uringaudit_ctx ctx, const struct uringaudit_object *obj,
	      const struct cred *cred, enum uringaudit_action *action,
	      bool *cacheable)
{
	const struct uringaudit_origin *origin = uringaudit_current_origin();
	const struct uringaudit_policy *policy = active->policy;
	struct uringaudit_subject subj = { .op = op, .ctx = ctx };
	const struct uringaudit_rule *rule = NULL;
	/* Set field by field: the path buffer need not be zeroed. */
	struct uringaudit_scratch scratch __uninitialized;
	int ret = 0;
	u32 needs;

	scratch.path_buf = NULL;
	scratch.path = NULL;
	scratch.path_done = false;
	if (policy->nr_index[op][ctx] || policy->keys[op][ctx]) {
		subj.uid = from_kuid(&init_user_ns, cred->euid);
		subj.gid = from_kgid(&init_user_ns, cred->egid);
		subj.auid =
			from_kuid(&init_user_ns, audit_get_loginuid(current));
		needs = policy->needs[op][ctx];
		if (needs & URINGAUDIT_MATCH_EXE)
			subj.exe = origin ? origin->exe :
					    uringaudit_current_exe();
		if (needs & URINGAUDIT_MATCH_PATH)
			subj.path = uringaudit_object_path(obj, &scratch);
		rule = uringaudit_policy_match(policy, &subj);
	}
	*action = rule ? rule->action : policy->default_action;
	/* Allowed, silently, for what the task is rather than what it touches. */
	*cacheable =
		*action == URINGAUDIT_ALLOW &&
		!(policy->needs[op][ctx] & URINGAUDIT_MATCH_PATH) &&
		(subj.exe || !(policy->needs[op][ctx] & URINGAUDIT_MATCH_EXE));
	if (*action != URINGAUDIT_ALLOW) {
		struct uringaudit_decision d = {
			.subj = &subj,
			.obj = obj,
			.rule = rule,
			.action = *action,
			.permissive = READ_ONCE(uringaudit_permissive),
			.cred = cred,
			.origin = origin,
			.scratch = &scratch,
		};

		if (rule)
			d.rule_text = uringaudit_active_rule(active, rule,
							     &d.rule_len);
		uringaudit_audit_decision(&d);
		if (*action == URINGAUDIT_DENY && !d.permissive)
			ret = -EACCES;
	}
	kfree(scratch.path_buf);
	return ret;
}

/**
 * uringaudit_decide_active() - Decide on an op under the active policy
 * @op: The op class or event.
 * @ctx: Its context; not %URINGAUDIT_CTX_NONE.
 * @obj: Its object.
 * @cred: The credentials the op runs with, or NULL for the current ones.
 *
 * Finds the rule that decides, records the decision when it is audit or
 * deny, and counts it.  An op the task was allowed already, silently, with
 * the same credentials, login user ID and policy, is allowed at once.
 *
 * Context: Process context; does not sleep.
 * Return: 0 to let the op run, -%EACCES to fail it.
 */
int uringaudit_decide_active(enum uringaudit_op op, enum uringaudit_ctx ctx,
			     const struct uringaudit_object *obj,
			     const struct cred *cred)
{
	struct uringaudit_cache *const cache = &uringaudit_task(current)->cache;
	enum uringaudit_action action = URINGAUDIT_ALLOW;
	const struct uringaudit_active *active;
	bool cacheable = false;
	kuid_t loginuid;
	int ret = 0;

	rcu_read_lock();
	active = rcu_dereference(uringaudit_active);
	/* Quiet under the policy that is active now, not the one seen before. */
	if (!active || (active->quiet[ctx] & BIT_ULL(op)))
		goto out_unlock;
	if (!cred)
		cred = current_cred();
	loginuid = audit_get_loginuid(current);
	if (uringaudit_cache_allows(cache, active->generation, op, ctx, cred,
				    loginuid))
		goto out_unlock;
	ret = decide_policy(active, op, ctx, obj, cred, &action, &cacheable);
	if (cacheable)
		uringaudit_cache_remember(cache, active->generation, op, ctx,
					  cred, loginuid);
out_unlock:
	rcu_read_unlock();
	uringaudit_stats_count(op, ctx, action);
	return ret;
}
