// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Tasks: origin tags of io_uring threads, programs
 *
 * io_uring runs work on io-wq workers and SQPOLL threads.  Both are created
 * with create_io_thread(), which calls security_task_alloc() with
 * %PF_IO_WORKER already set on the new task and current being its creator.
 * That is where the tag is made: from the creator itself when it is an
 * ordinary task, or shared with it when the creator is an io thread too (an
 * SQPOLL thread starting its own workers, a worker starting a sibling).
 *
 * A program is known by the identity of its file (what exe= rules compare)
 * and by its names, for records.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/binfmts.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "object.h"
#include "setup.h"
#include "task.h"

/**
 * uringaudit_exe_of() - The program a task runs
 * @task: The task: current, or one that cannot exec meanwhile.
 * @err: Set to -%ENOMEM when the task has a program that could not be
 *	described, else 0.
 *
 * Context: Process context; may sleep.
 * Return: The program, to be freed with uringaudit_exe_free(), or NULL
 * when the task runs none or out of memory.
 */
struct uringaudit_exe *uringaudit_exe_of(struct task_struct *task, int *err)
{
	struct file *file = uringaudit_task(task)->exe_file;
	struct uringaudit_exe *exe;
	int unused;

	*err = 0;
	if (!file)
		return NULL;
	exe = kzalloc(sizeof(*exe), GFP_KERNEL_ACCOUNT);
	if (!exe) {
		*err = -ENOMEM;
		return NULL;
	}
	uringaudit_key_of(file_inode(file), &exe->key);
	exe->name = uringaudit_path_name(&file->f_path, true, &unused);
	exe->task_name = uringaudit_path_name(&file->f_path, false, &unused);
	if (exe->name && exe->task_name && !strcmp(exe->name, exe->task_name)) {
		kfree(exe->task_name);
		exe->task_name = NULL;
	}
	return exe;
}

/**
 * uringaudit_exe_free() - Free a program
 * @exe: The program, or NULL.
 */
void uringaudit_exe_free(struct uringaudit_exe *exe)
{
	if (!exe)
		return;
	kfree(exe->name);
	kfree(exe->task_name);
	kfree(exe);
}

/**
 * uringaudit_current_exe() - The program of the current task
 * @err: Set as uringaudit_exe_of() sets it.
 *
 * Described on the first call and kept until the task runs another
 * program (execve(2)), as an io thread's origin keeps it.  It is the file
 * execve(2) ran: a task that replaces its executable file
 * (prctl(PR_SET_MM_EXE_FILE)) keeps the program of before.
 *
 * Context: Process context; may sleep.
 * Return: The program, or NULL when the task has none or out of memory.
 */
const struct uringaudit_exe *uringaudit_current_exe(int *err)
{
	struct uringaudit_task *const blob = uringaudit_task(current);

	/* Only the task itself fills or drops its copy: no lock. */
	*err = 0;
	if (!blob->exe)
		blob->exe = uringaudit_exe_of(current, err);
	return blob->exe;
}

/**
 * uringaudit_origin_new() - Make the origin tag of a task
 * @creator: The task the tag describes: current.
 *
 * Context: Process context; sleeps.
 * Return: The tag with one reference, or NULL when out of memory.
 */
struct uringaudit_origin *uringaudit_origin_new(struct task_struct *creator)
{
	struct uringaudit_origin *origin;

	might_sleep();
	origin = kzalloc(sizeof(*origin), GFP_KERNEL_ACCOUNT);
	if (!origin)
		return NULL;
	refcount_set(&origin->usage, 1);
	origin->tgid = get_task_pid(creator, PIDTYPE_TGID);
	origin->uid = task_cred_xxx(creator, uid);
	get_task_comm(origin->comm, creator->group_leader);
	origin->exe = uringaudit_exe_of(creator, &origin->exe_err);
	return origin;
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
		put_pid(origin->tgid);
		uringaudit_exe_free(origin->exe);
		kfree(origin);
	}
}

static int hook_task_alloc(struct task_struct *const task,
			   const unsigned long clone_flags)
{
	struct file *exe_file = uringaudit_task(current)->exe_file;
	struct uringaudit_origin *origin;

	/* The program goes on in the new task until it runs another. */
	if (exe_file)
		uringaudit_task(task)->exe_file = get_file(exe_file);
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

/**
 * uringaudit_task_release() - Free what a task's blob holds of this file's
 * @task: The task, being freed.
 *
 * Its origin tag, program and remembered decisions; its frame is the
 * issue code's (setup.c frees both).
 */
void uringaudit_task_release(struct task_struct *task)
{
	struct uringaudit_task *const blob = uringaudit_task(task);

	uringaudit_origin_put(blob->origin);
	blob->origin = NULL;
	uringaudit_exe_free(blob->exe);
	blob->exe = NULL;
	if (blob->exe_file)
		fput(blob->exe_file);
	blob->exe_file = NULL;
	uringaudit_cache_drop(&blob->cache);
}

/* A new program: the file execve(2) runs; the next op is decided again. */
static void hook_bprm_committed_creds(const struct linux_binprm *bprm)
{
	struct uringaudit_task *const blob = uringaudit_task(current);

	if (blob->exe_file)
		fput(blob->exe_file);
	blob->exe_file = get_file(bprm->file);
	uringaudit_exe_free(blob->exe);
	blob->exe = NULL;
	uringaudit_cache_drop(&blob->cache);
}

static struct security_hook_list uringaudit_task_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_alloc, hook_task_alloc),
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
