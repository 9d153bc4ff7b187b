/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Origin tags of io_uring threads
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_ORIGIN_H
#define _SECURITY_URINGAUDIT_ORIGIN_H

#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/types.h>
#include <linux/uidgid.h>

#include "cache.h"
#include "setup.h"

/**
 * struct uringaudit_origin - Who is behind an io_uring thread
 *
 * Taken from the task that creates an io-wq worker or an SQPOLL thread, at
 * creation, and never changed afterwards: renaming the thread, or the
 * process it works for, changes nothing here.  Shared, by reference, by
 * every io thread that thread creates in turn.
 *
 * @usage: References: one per io thread that carries this tag.
 * @tgid: Thread group ID of the originating process, in the initial PID
 *	namespace.
 * @uid: Real user ID of the creator's (subjective) credentials.
 * @euid: Effective user ID of the same credentials.
 * @gid: Real group ID of the same credentials.
 * @egid: Effective group ID of the same credentials.
 * @loginuid: Audit login user ID (auid) of the creator.
 * @sessionid: Audit session ID (ses) of the creator.
 * @comm: Name of the creator's thread group leader at creation.
 * @exe: Path of the creator's executable, or NULL when it has none or it
 *	could not be resolved.
 */
struct uringaudit_origin {
	refcount_t usage;
	pid_t tgid;
	kuid_t uid;
	kuid_t euid;
	kgid_t gid;
	kgid_t egid;
	kuid_t loginuid;
	unsigned int sessionid;
	char comm[TASK_COMM_LEN];
	const char *exe;
};

/**
 * struct uringaudit_task - uringaudit's part of a task's security blob
 *
 * @origin: The tag of an io thread; NULL for every other task, which is
 *	all an ordinary task costs.  Set once, when the thread is created,
 *	and put when it is freed.
 * @exe: The path of the task's executable, once an op of the task needed
 *	it (uringaudit_current_exe()); NULL before.
 * @cache: The ops the task was allowed lately, silently.
 */
struct uringaudit_task {
	struct uringaudit_origin *origin;
	const char *exe;
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

const char *uringaudit_current_exe(void);

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

void __init uringaudit_add_task_hooks(void);

#endif /* _SECURITY_URINGAUDIT_ORIGIN_H */
