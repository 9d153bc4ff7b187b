/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Tasks: origin tags of io_uring threads, programs
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_TASK_H
#define _SECURITY_URINGAUDIT_TASK_H

#include <linux/init.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/types.h>
#include <linux/uidgid.h>

#include "cache.h"
#include "policy.h"
#include "setup.h"

struct pid;
struct uringaudit_frame;

/**
 * struct uringaudit_exe - A program: the file a process runs
 * @key: The file's identity (what exe= rules compare).
 * @name: Its path from the root of the initial mount namespace, or NULL
 *	when it has none there.
 * @task_name: Its path as the process saw it, when that differs from
 *	@name; else NULL.
 */
struct uringaudit_exe {
	struct uringaudit_key key;
	char *name;
	char *task_name;
};

/**
 * struct uringaudit_origin - Who is behind an io_uring thread
 *
 * Taken from the task that creates an io-wq worker or an SQPOLL thread, at
 * creation, and never changed afterwards: renaming the thread, or the
 * process it works for, changes nothing here.  Shared, by reference, by
 * every io thread that thread creates in turn.
 *
 * @usage: References: one per io thread that carries this tag.
 * @tgid: The originating process, referenced: its number cannot go to
 *	another process while a tag names it.
 * @uid: Real user ID of the creator's credentials.
 * @comm: Name of the creator's thread group leader at creation.
 * @exe: The creator's program, or NULL when it has none.
 * @exe_err: Why @exe is NULL when the creator had a program: -%ENOMEM.
 */
struct uringaudit_origin {
	refcount_t usage;
	struct pid *tgid;
	kuid_t uid;
	char comm[TASK_COMM_LEN];
	struct uringaudit_exe *exe;
	int exe_err;
};

/**
 * struct uringaudit_task - uringaudit's part of a task's security blob
 *
 * @origin: The tag of an io thread; NULL for every other task.  Set once,
 *	when the thread is created, and put when it is freed.
 * @exe_file: The program file the task's process runs, as execve(2) found
 *	it: what exe= rules compare.  Not mm->exe_file, which a process can
 *	replace (prctl(PR_SET_MM_EXE_FILE) needs only CAP_CHECKPOINT_RESTORE
 *	in the process's own user namespace).  Inherited at fork.
 * @exe: The identity and names of @exe_file, once a decision or record
 *	needed them; dropped at execve(2).
 * @frame: The io_uring request the task is issuing (precise mode), once it
 *	issued one that a policy names; kept until the task is freed.
 * @cache: The ops the task was allowed lately, silently.
 */
struct uringaudit_task {
	struct uringaudit_origin *origin;
	struct file *exe_file;
	struct uringaudit_exe *exe;
	struct uringaudit_frame *frame;
	struct uringaudit_cache cache;
};

/**
 * uringaudit_task() - uringaudit's part of a task's security blob
 * @task: The task.
 *
 * Return: The blob; valid as long as @task is.
 */
static inline struct uringaudit_task *
uringaudit_task(const struct task_struct *task)
{
	return task->security + uringaudit_blob_sizes.lbs_task;
}

/**
 * uringaudit_current_origin() - The origin tag of the current task
 *
 * Return: The tag when the current task is an io thread, else NULL.  The
 * tag lives as long as the current task.
 */
static inline const struct uringaudit_origin *uringaudit_current_origin(void)
{
	return uringaudit_task(current)->origin;
}

const struct uringaudit_exe *uringaudit_current_exe(int *err);
void uringaudit_task_release(struct task_struct *task);
struct uringaudit_exe *uringaudit_exe_of(struct task_struct *task, int *err);
void uringaudit_exe_free(struct uringaudit_exe *exe);

struct uringaudit_origin *uringaudit_origin_new(struct task_struct *creator);
void uringaudit_origin_put(struct uringaudit_origin *origin);

/**
 * uringaudit_origin_get() - Take a reference to an origin tag
 * @origin: The tag, or NULL.
 *
 * Return: @origin.
 */
static inline struct uringaudit_origin *
uringaudit_origin_get(struct uringaudit_origin *origin)
{
	if (origin)
		refcount_inc(&origin->usage);
	return origin;
}

void __init uringaudit_add_task_hooks(void);

#endif /* _SECURITY_URINGAUDIT_TASK_H */
