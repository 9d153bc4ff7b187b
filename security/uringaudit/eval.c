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
	struct path entry;
	char *p = NULL;

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
	scratch->path_buf = kmalloc(PATH_MAX, SCRATCH_GFP);
	if (!scratch->path_buf)
		return NULL;

	switch (obj->type) {
	case URINGAUDIT_OBJ_FILE:
		p = file_path(obj->file, scratch->path_buf, PATH_MAX);
		break;
	case URINGAUDIT_OBJ_PATH:
		p = d_path(obj->path, scratch->path_buf, PATH_MAX);
		break;
	case URINGAUDIT_OBJ_ENTRY:
		entry.mnt = obj->path->mnt;
		entry.dentry = obj->dentry;
		p = d_path(&entry, scratch->path_buf, PATH_MAX);
		break;
	default:
		p = dentry_path_raw(obj->dentry, scratch->path_buf, PATH_MAX);
		break;
	}
	if (!IS_ERR(p))
		scratch->path = p;
	return scratch->path;
}

/**
 * uringaudit_current_exe() - The path of the current task's executable
 * @scratch: Where the result is kept for the rest of the decision.
 *
 * Return: The path, or NULL when the task has none or it cannot be
 * resolved.
 */
const char *uringaudit_current_exe(struct uringaudit_scratch *scratch)
{
	struct file *exe;
	char *p;

	if (scratch->exe_done)
		return scratch->exe;
	scratch->exe_done = true;
	exe = get_task_exe_file(current);
	if (!exe)
		return NULL;
	scratch->exe_buf = kmalloc(PATH_MAX, SCRATCH_GFP);
	if (scratch->exe_buf) {
		p = d_path(&exe->f_path, scratch->exe_buf, PATH_MAX);
		if (!IS_ERR(p))
			scratch->exe = p;
	}
	fput(exe);
	return scratch->exe;
}

/**
 * uringaudit_decide_ctx() - Decide on an op whose context is known
 * @op: The op class or event.
 * @ctx: Its context; not %URINGAUDIT_CTX_NONE.
 * @obj: Its object.
 * @cred: The credentials the op runs with, or NULL for the current ones.
 *
 * Finds the rule that decides, records the decision when it is audit or
 * deny, and counts it.
 *
 * Context: Process context; does not sleep.
 * Return: 0 to let the op run, -%EACCES to fail it.
 */
int uringaudit_decide_ctx(enum uringaudit_op op, enum uringaudit_ctx ctx,
			  const struct uringaudit_object *obj,
			  const struct cred *cred)
{
	const struct uringaudit_origin *origin = uringaudit_current_origin();
	struct uringaudit_subject subj = { .op = op, .ctx = ctx };
	struct uringaudit_scratch scratch = {};
	const struct uringaudit_active *active;
	const struct uringaudit_rule *rule = NULL;
	enum uringaudit_action action = URINGAUDIT_ALLOW;
	int ret = 0;
	u32 needs;

	if (!cred)
		cred = current_cred();

	rcu_read_lock();
	active = rcu_dereference(uringaudit_active);
	if (!active)
		goto out_unlock;

	subj.uid = from_kuid(&init_user_ns, cred->euid);
	subj.gid = from_kgid(&init_user_ns, cred->egid);
	subj.auid = from_kuid(&init_user_ns, audit_get_loginuid(current));
	needs = active->policy->needs[op][ctx];
	if (needs & URINGAUDIT_MATCH_EXE)
		subj.exe = origin ? origin->exe :
				    uringaudit_current_exe(&scratch);
	if (needs & URINGAUDIT_MATCH_PATH)
		subj.path = uringaudit_object_path(obj, &scratch);

	rule = uringaudit_policy_match(active->policy, &subj);
	action = rule ? rule->action : active->policy->default_action;
	if (action != URINGAUDIT_ALLOW) {
		struct uringaudit_decision d = {
			.subj = &subj,
			.obj = obj,
			.rule = rule,
			.action = action,
			.permissive = READ_ONCE(uringaudit_permissive),
			.cred = cred,
			.origin = origin,
			.scratch = &scratch,
		};

		uringaudit_audit_decision(&d);
		if (action == URINGAUDIT_DENY && !d.permissive)
			ret = -EACCES;
	}

out_unlock:
	rcu_read_unlock();
	uringaudit_stats_count(op, ctx, action);
	kfree(scratch.path_buf);
	kfree(scratch.exe_buf);
	return ret;
}
