// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Who does an io_uring operation
 *
 * The subject of an op is its credentials (what io_uring runs it with),
 * the login identity of the task that submitted it (read at the op, not
 * copied when an io thread was made), the program of the process behind
 * it, and the cgroup of the task doing it.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/cgroup.h>
#include <linux/limits.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "fault.h"
#include "subject.h"

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
	if (who->origin)
		return who->origin->exe;
	return uringaudit_current_exe();
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
	char *buf, *name;
	int ret;

	if (uringaudit_should_fail()) {
		*err = -ENOMEM;
		return NULL;
	}
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf) {
		*err = -ENOMEM;
		return NULL;
	}
	rcu_read_lock();
	ret = cgroup_path_ns(task_dfl_cgroup(current), buf, PATH_MAX,
			     &init_cgroup_ns);
	rcu_read_unlock();
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
	name = kstrdup(buf, GFP_KERNEL);
	kfree(buf);
	*err = name ? 0 : -ENOMEM;
	return name;
#else
	*err = -ENOENT;
	return NULL;
#endif
}
