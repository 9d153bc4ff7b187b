/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Who does an io_uring operation
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_SUBJECT_H
#define _SECURITY_URINGAUDIT_SUBJECT_H

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/types.h>

#include "policy.h"
#include "task.h"

/**
 * struct uringaudit_who - The subject of an op
 * @cred: The credentials it runs with (a registered personality's, the
 *	SQPOLL ring creator's, or the submitter's).
 * @submitter: The task that submitted it: its login identity is the op's.
 *	The current task when it submitted the op itself.
 * @origin: The origin tag of the current io thread, or NULL.
 * @personality: Whether the op runs with credentials other than its
 *	thread's own: a registered personality.
 */
struct uringaudit_who {
	const struct cred *cred;
	struct task_struct *submitter;
	const struct uringaudit_origin *origin;
	bool personality;
};

/**
 * uringaudit_who_current() - The subject of an op the current task does
 * @who: Where to put it.
 * @cred: The credentials of a registered personality the op is to run
 *	with, or NULL for the current ones.
 * @submitter: The task that submitted the op, or NULL for the current one.
 */
static inline void uringaudit_who_current(struct uringaudit_who *who,
					  const struct cred *cred,
					  struct task_struct *submitter)
{
	who->cred = cred ? cred : current_cred();
	who->submitter = submitter ? submitter : current;
	who->origin = uringaudit_current_origin();
	who->personality = cred || who->cred != current_real_cred();
}

kuid_t uringaudit_io_thread_loginuid(struct task_struct *task, u32 *ses);

/**
 * uringaudit_who_loginuid() - The login identity of a subject
 * @who: The subject.
 * @ses: Set to its audit session.
 *
 * The submitter's, read now; an io thread's is its process's
 * (uringaudit_io_thread_loginuid()).
 *
 * Return: The login user ID; %INVALID_UID when it never logged in.
 */
static inline kuid_t uringaudit_who_loginuid(const struct uringaudit_who *who,
					     u32 *ses)
{
	struct task_struct *task = who->submitter;

	if (unlikely(task->flags & PF_IO_WORKER))
		return uringaudit_io_thread_loginuid(task, ses);
	*ses = audit_get_sessionid(task);
	return audit_get_loginuid(task);
}

u32 uringaudit_who_login(const struct uringaudit_who *who, u32 *ses);
const struct uringaudit_exe *
uringaudit_who_exe(const struct uringaudit_who *who);
char *uringaudit_cgroup_name(int *err);
u64 uringaudit_cgroup_id(void);

#endif /* _SECURITY_URINGAUDIT_SUBJECT_H */
