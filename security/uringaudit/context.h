/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Which io_uring context the current task runs in
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_CONTEXT_H
#define _SECURITY_URINGAUDIT_CONTEXT_H

#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/sched/task_stack.h>
#include <linux/types.h>
#include <linux/unistd.h>
#include <asm/syscall.h>

#include "policy.h"

/**
 * uringaudit_classify() - Decide the io_uring context from task state
 * @task_flags: The task's ``flags`` (``PF_*``).
 * @worker_private: The task's ``worker_private`` pointer; io-wq sets it for
 *	the whole life of a worker and clears it just before the worker exits.
 * @io_uring: The task's ``io_uring`` pointer; an SQPOLL thread always has
 *	one, an io-wq worker never does.
 * @in_task_ctx: Whether the caller runs in task context (not in an
 *	interrupt or softirq, where ``current`` is unrelated to the work).
 * @syscall_nr: The system call number of the task's user register frame.
 *
 * This is the pure decision behind uringaudit_current_ctx(), kept separate so
 * that it can be tested without io_uring threads.  An io thread is recognised
 * by %PF_IO_WORKER before the system call number is looked at: io threads
 * carry a copy of their creator's user registers, so their number is stale.
 *
 * Return: The context, %URINGAUDIT_CTX_NONE when the task is not doing
 * io_uring work.
 */
static __always_inline enum uringaudit_ctx
uringaudit_classify(unsigned int task_flags, const void *worker_private,
		    const void *io_uring, bool in_task_ctx, long syscall_nr)
{
	if (!in_task_ctx)
		return URINGAUDIT_CTX_NONE;
	if (unlikely(task_flags & PF_IO_WORKER)) {
		if (worker_private)
			return URINGAUDIT_CTX_IOWQ;
		if (io_uring)
			return URINGAUDIT_CTX_SQPOLL;
		/* An io-wq worker on its way out. */
		return URINGAUDIT_CTX_NONE;
	}
	if (task_flags & PF_KTHREAD)
		return URINGAUDIT_CTX_NONE;
	if (unlikely(syscall_nr == __NR_io_uring_enter))
		return URINGAUDIT_CTX_INLINE;
	return URINGAUDIT_CTX_NONE;
}

/**
 * uringaudit_current_ctx() - Decide the io_uring context of the current task
 *
 * Cheap enough for every hook: a user task that is not in io_uring_enter(2)
 * costs two loads and two tests.
 *
 * Return: The context of the current task, %URINGAUDIT_CTX_NONE when it is
 * not doing io_uring work.
 */
static __always_inline enum uringaudit_ctx uringaudit_current_ctx(void)
{
	struct task_struct *const task = current;
	const unsigned int flags = READ_ONCE(task->flags);
	long nr = -1;

	/* What uringaudit_classify() says of a user task, in fewer loads. */
	if (likely(!(flags & (PF_IO_WORKER | PF_KTHREAD)))) {
		nr = syscall_get_nr(task, task_pt_regs(task));
		if (likely(nr != __NR_io_uring_enter) || !in_task())
			return URINGAUDIT_CTX_NONE;
		return URINGAUDIT_CTX_INLINE;
	}
	return uringaudit_classify(flags, READ_ONCE(task->worker_private),
				   READ_ONCE(task->io_uring), in_task(), nr);
}

#endif /* _SECURITY_URINGAUDIT_CONTEXT_H */
