/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Which io_uring context the current task runs in
 *
 * Precise mode takes an op's context from where io_uring issues it.  Compat
 * mode, and the events of a ring's life, only have the task's state: the
 * kind of io thread it is, or the system call it is in.
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

#ifdef __X32_SYSCALL_BIT
#define URINGAUDIT_X32_BIT __X32_SYSCALL_BIT
#else
#define URINGAUDIT_X32_BIT 0
#endif

/**
 * uringaudit_classify() - Decide the io_uring context from task state
 * @task_flags: The task's ``flags`` (``PF_*``).
 * @worker_private: The task's ``worker_private`` pointer; io-wq sets it for
 *	the whole life of a worker and clears it just before the worker exits.
 * @io_uring: The task's ``io_uring`` pointer; an SQPOLL thread always has
 *	one, an io-wq worker never does.
 * @in_task_ctx: Whether the caller runs in task context (not in an
 *	interrupt or softirq, where ``current`` is unrelated to the work).
 * @syscall_nr: The system call number of the task's user register frame,
 *	without the x32 ABI bit.
 *
 * This is the pure decision behind uringaudit_current_ctx(), kept separate so
 * that it can be tested without io_uring threads.  An io thread is recognised
 * by %PF_IO_WORKER before the system call number is looked at: io threads
 * carry a copy of their creator's user registers, so their number is stale.
 *
 * Return: The context, %URINGAUDIT_CTX_NONE when the task is not doing
 * io_uring work.
 */
static __always_inline u32 uringaudit_classify(unsigned int task_flags,
					       const void *worker_private,
					       const void *io_uring,
					       bool in_task_ctx,
					       long syscall_nr)
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
 * Compat mode: a user task is doing io_uring work inside io_uring_enter(2)
 * (in any ABI: the x32 bit of the number is ignored), an io thread always.
 *
 * Return: The context of the current task, %URINGAUDIT_CTX_NONE when it is
 * not doing io_uring work.
 */
static __always_inline u32 uringaudit_current_ctx(void)
{
	struct task_struct *const task = current;
	const unsigned int flags = READ_ONCE(task->flags);
	long nr = -1;

	if (likely(!(flags & (PF_IO_WORKER | PF_KTHREAD))))
		nr = syscall_get_nr(task, task_pt_regs(task)) &
		     ~(long)URINGAUDIT_X32_BIT;
	return uringaudit_classify(flags, READ_ONCE(task->worker_private),
				   READ_ONCE(task->io_uring), in_task(), nr);
}

/**
 * uringaudit_thread_ctx() - The io_uring thread the current task is, if any
 *
 * Return: %URINGAUDIT_CTX_IOWQ or %URINGAUDIT_CTX_SQPOLL for io threads,
 * %URINGAUDIT_CTX_NONE for every other task.
 */
static inline u32 uringaudit_thread_ctx(void)
{
	const unsigned int flags = READ_ONCE(current->flags);

	if (!(flags & PF_IO_WORKER))
		return URINGAUDIT_CTX_NONE;
	return uringaudit_classify(flags, READ_ONCE(current->worker_private),
				   READ_ONCE(current->io_uring), in_task(), -1);
}

#endif /* _SECURITY_URINGAUDIT_CONTEXT_H */
