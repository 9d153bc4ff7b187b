// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Who does an io_uring operation
 *
 * The subject of an op is its credentials (what io_uring runs it with),
 * the login identity of the task that submitted it, or of its process when
 * an io thread submitted it (read at the op, not copied when an io thread
 * was made), the program of the process behind
 * it, and the cgroup of the task doing it.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/audit.h>
#include <linux/cgroup.h>
#include <linux/limits.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "fault.h"
#include "subject.h"

/**
 * uringaudit_io_thread_loginuid() - The login identity behind an io thread
 * @task: An io thread that submitted an op (an SQPOLL thread).
 * @ses: Set to its process's audit session.
 *
 * An io thread has only a copy of its process's login identity, made when
 * it was created: its process's own is read instead, so that a login since
 * counts.
 *
 * Return: The login user ID; %INVALID_UID when it never logged in.
 */
kuid_t uringaudit_io_thread_loginuid(struct task_struct *task, u32 *ses)
{
	const struct uringaudit_origin *origin;
	struct task_struct *leader = NULL;
	kuid_t auid;

	rcu_read_lock();
	origin = uringaudit_task(task)->origin;
	if (origin)
		leader = pid_task(origin->tgid, PIDTYPE_TGID);
	if (leader)
		task = leader;
	auid = audit_get_loginuid(task);
	*ses = audit_get_sessionid(task);
	rcu_read_unlock();
	return auid;
}

/**
 * uringaudit_who_login() - The login identity of a subject, as a number
 * @who: The subject.
 * @ses: Set to its audit session.
 *
 * Return: uringaudit_who_loginuid() in the initial user namespace;
 * %URINGAUDIT_AUID_UNSET when it never logged in.
 */
u32 uringaudit_who_login(const struct uringaudit_who *who, u32 *ses)
{
	return from_kuid(&init_user_ns, uringaudit_who_loginuid(who, ses));
}

/**
 * uringaudit_who_exe() - The program of the process behind an op
 * @who: The subject.
 *
 * An io thread's is its origin's, taken when it was made; a user task's
 * is resolved the first time it is needed, until the task runs another
 * program.
 *
 * Context: Process context; may sleep.
 * Return: The program, or NULL when the process has none or it could not
 * be resolved.
 */
const struct uringaudit_exe *
uringaudit_who_exe(const struct uringaudit_who *who)
{
	int err;

	if (who->origin)
		return who->origin->exe;
	return uringaudit_current_exe(&err);
}

/**
 * uringaudit_cgroup_id() - The cgroup v2 of the current task, by number
 *
 * Return: Its ID, unique while the system runs; 0 without cgroups.
 */
u64 uringaudit_cgroup_id(void)
{
#ifdef CONFIG_CGROUPS
	u64 id;

	rcu_read_lock();
	id = cgroup_id(task_dfl_cgroup(current));
	rcu_read_unlock();
	return id;
#else
	return 0;
#endif
}

/**
 * uringaudit_cgroup_name() - The cgroup v2 path of the current task
 * @err: Why there is none, when NULL is returned.
 *
 * The path from the root of the cgroup hierarchy, whatever cgroup
 * namespace the task is in.  io threads are threads of their process: they
 * are where it is, and move with it.
 *
 * Context: Process context; may sleep.
 * Return: The path, to be freed with kfree(), or NULL.
 */
char *uringaudit_cgroup_name(int *err)
{
#ifdef CONFIG_CGROUPS
	struct cgroup *cgrp;
	char *buf, *name;
	int ret;

	if (uringaudit_should_fail()) {
		*err = -ENOMEM;
		return NULL;
	}
	buf = kmalloc(PATH_MAX, GFP_KERNEL_ACCOUNT);
	if (!buf) {
		*err = -ENOMEM;
		return NULL;
	}
	/* cgroup_path_ns() takes cgroup_mutex: hold the cgroup, not RCU. */
	rcu_read_lock();
	cgrp = task_dfl_cgroup(current);
	if (!cgroup_tryget(cgrp))
		cgrp = NULL;
	rcu_read_unlock();
	if (cgrp) {
		ret = cgroup_path_ns(cgrp, buf, PATH_MAX, &init_cgroup_ns);
		cgroup_put(cgrp);
	} else {
		/* Only a cgroup being removed has no reference to give. */
		ret = -ENOENT;
	}
	if (ret < 0) {
		*err = ret;
		kfree(buf);
		return NULL;
	}
	if (ret >= PATH_MAX) {
		*err = -ENAMETOOLONG;
		kfree(buf);
		return NULL;
	}
	name = kstrdup(buf, GFP_KERNEL_ACCOUNT);
	kfree(buf);
	*err = name ? 0 : -ENOMEM;
	return name;
#else
	*err = -ENOENT;
	return NULL;
#endif
}
