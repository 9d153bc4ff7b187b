// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Origin tags of io_uring threads
 *
 * io_uring runs work on io-wq workers and SQPOLL threads.  Both are created
 * with create_io_thread(), which calls security_task_alloc() with
 * %PF_IO_WORKER already set on the new task and current being its creator.
 * That is where the tag is made: from the creator itself when it is an
 * ordinary task, or shared with it when the creator is an io thread too (an
 * SQPOLL thread starting its own workers, a worker starting a sibling).
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/pid.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/limits.h>
#include <linux/lsm_hooks.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "common.h"
#include "origin.h"
#include "setup.h"

/* Most paths fit on the stack; the others cost a page-sized buffer. */
#define EXE_PATH_INLINE 256

static const char *exe_path_dup(struct task_struct *task, gfp_t gfp)
{
	char small[EXE_PATH_INLINE] __uninitialized;
	const char *path;
	char *buf = NULL, *dup = NULL;
	struct file *exe;

	exe = get_task_exe_file(task);
	if (!exe)
		return NULL;
	path = d_path(&exe->f_path, small, sizeof(small));
	if (path == ERR_PTR(-ENAMETOOLONG)) {
		buf = kmalloc(PATH_MAX, gfp);
		path = buf ? d_path(&exe->f_path, buf, PATH_MAX) :
			     ERR_PTR(-ENOMEM);
	}
	if (!IS_ERR(path))
		dup = kstrdup(path, gfp);
	kfree(buf);
	fput(exe);
	return dup;
}

/**
 * uringaudit_origin_new() - Make the origin tag of a task
 * @creator: The task the tag describes; its subjective credentials are
 *	read, so it must be current or a task that cannot change them.
 *
 * Context: Process context; sleeps.
 * Return: The tag with one reference, or NULL when out of memory.
 */
struct uringaudit_origin *uringaudit_origin_new(struct task_struct *creator)
{
	struct uringaudit_origin *origin;
	const struct cred *cred;

	might_sleep();
	origin = kzalloc(sizeof(*origin), GFP_KERNEL);
	if (!origin)
		return NULL;

	refcount_set(&origin->usage, 1);
	origin->tgid = task_tgid_nr(creator);
	rcu_read_lock();
	cred = rcu_dereference(creator->cred);
	origin->uid = cred->uid;
	origin->euid = cred->euid;
	origin->gid = cred->gid;
	origin->egid = cred->egid;
	rcu_read_unlock();
	origin->loginuid = audit_get_loginuid(creator);
	origin->sessionid = audit_get_sessionid(creator);
	get_task_comm(origin->comm, creator->group_leader);
	origin->exe = exe_path_dup(creator, GFP_KERNEL);
	return origin;
}

/**
 * uringaudit_current_exe() - The path of the current task's executable
 *
 * Resolved on the first call and kept until the task runs another program
 * (execve(2)), as an io thread's origin keeps it: a policy with exe= rules
 * and records cost one lookup per task, not one per op.  A task that
 * replaces its executable file (prctl(PR_SET_MM_EXE_FILE)) keeps the name
 * of the one before.
 *
 * Context: Process context; does not sleep.
 * Return: The path, or NULL when the task has none or it cannot be
 * resolved now.
 */
const char *uringaudit_current_exe(void)
{
	struct uringaudit_task *const blob = uringaudit_task(current);

	/* Only the task itself fills or drops its copy: no lock. */
	if (!blob->exe)
		blob->exe = exe_path_dup(current, GFP_ATOMIC | __GFP_NOWARN);
	return blob->exe;
}

static void drop_exe(struct uringaudit_task *const blob)
{
	kfree(blob->exe);
	blob->exe = NULL;
}

/**
 * uringaudit_origin_put() - Drop a reference to an origin tag
 * @origin: The tag, or NULL.
 *
 * Frees the tag with its last reference.
 */
void uringaudit_origin_put(struct uringaudit_origin *origin)
{
	if (origin && refcount_dec_and_test(&origin->usage)) {
		kfree(origin->exe);
		kfree(origin);
	}
}

static int hook_task_alloc(struct task_struct *const task,
			   const unsigned long clone_flags)
{
	struct uringaudit_origin *origin;

	if (likely(!(task->flags & PF_IO_WORKER)))
		return 0;

	/* A thread made by an io thread works for the same process. */
	origin = uringaudit_origin_get(uringaudit_task(current)->origin);
	if (!origin) {
		origin = uringaudit_origin_new(current);
		if (!origin)
			return -ENOMEM;
	}
	uringaudit_task(task)->origin = origin;
	return 0;
}

static void hook_task_free(struct task_struct *const task)
{
	struct uringaudit_task *const blob = uringaudit_task(task);

	uringaudit_origin_put(blob->origin);
	blob->origin = NULL;
	drop_exe(blob);
	uringaudit_cache_drop(&blob->cache);
}

/* A new program: the next op resolves its path, and is decided, again. */
static void hook_bprm_committed_creds(const struct linux_binprm *bprm)
{
	struct uringaudit_task *const blob = uringaudit_task(current);

	drop_exe(blob);
	uringaudit_cache_drop(&blob->cache);
}

static struct security_hook_list uringaudit_task_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_alloc, hook_task_alloc),
	LSM_HOOK_INIT(task_free, hook_task_free),
	LSM_HOOK_INIT(bprm_committed_creds, hook_bprm_committed_creds),
};

/**
 * uringaudit_add_task_hooks() - Register the hooks that tag io threads
 */
__init void uringaudit_add_task_hooks(void)
{
	security_add_hooks(uringaudit_task_hooks,
			   ARRAY_SIZE(uringaudit_task_hooks),
			   &uringaudit_lsmid);
}
