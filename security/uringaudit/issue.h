/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - The ops a task does: issues of io_uring requests
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_ISSUE_H
#define _SECURITY_URINGAUDIT_ISSUE_H

#include <linux/init.h>
#include <linux/types.h>
#include <net/sock.h>

#include "context.h"
#include "decide.h"
#include "object.h"
#include "record.h"
#include "subject.h"
#include "task.h"

/**
 * struct uringaudit_frame - What a task is doing for io_uring
 *
 * Allocated the first time a task makes a decision, kept until it is
 * freed.  In precise mode it also tells the file and socket hooks which
 * request the task is issuing, if any: a hook that fires outside an issue
 * is not io_uring work.
 *
 * @scratch: Room for the values of decisions.
 * @req: The request being issued, or NULL between issues.
 * @opcode: Its IORING_OP_*.
 * @ctx: Where it is issued.
 * @who: Its subject: credentials in force for the issue, submitter.
 * @ring: The ring it belongs to.
 * @target: For MSG_RING, the ring it sends to; else NULL.
 * @file: The file the issue was decided on, if any: a hook that shows the
 *	same file for the same class is not decided again.
 * @decided: Op classes decided in this issue.
 * @pending: Op classes whose decision waits for their object.
 * @denied: Whether a decision failed the issue.
 * @written: Whether a record of the issue was written (a multishot
 *	round).
 * @peer_stale: The unix socket the kernel reached was not @peer.
 * @attempts: How many times the request was issued (it returned -EAGAIN
 *	and was issued again).
 * @first_ctx: Where it was issued first.
 * @rec: The record of the issue, once a decision needs one.
 * @peer: The unix socket the issue's last unix socket op was decided on:
 *	the unix hooks check that the kernel reaches the same.
 */
struct uringaudit_frame {
	struct uringaudit_scratch scratch;
	const void *req;
	u8 opcode;
	u8 ctx;
	struct uringaudit_who who;
	const void *ring;
	const void *target;
	const struct file *file;
	u64 decided;
	u64 pending;
	bool denied;
	bool written;
	bool peer_stale;
	u8 attempts;
	u8 first_ctx;
	struct uringaudit_record *rec;
	struct uringaudit_unix_peer peer;
};

/**
 * uringaudit_hook_active() - Whether the current task's hooks decide
 *
 * Precise mode: the task is issuing an io_uring request.  Compat mode: it
 * is doing io_uring work (context.h).  Every other hook returns at once,
 * before it describes its object.
 *
 * Return: true when a hook of the current task is to decide its op.
 */
static __always_inline bool uringaudit_hook_active(void)
{
#ifdef URINGAUDIT_PRECISE
	const struct uringaudit_frame *f = uringaudit_task(current)->frame;

	return f && f->req;
#else
	return uringaudit_current_ctx() != URINGAUDIT_CTX_NONE;
#endif
}

struct uringaudit_frame *uringaudit_current_frame(void);
void uringaudit_frame_free(struct uringaudit_frame *frame);
int uringaudit_hook_decide(u32 op, const struct uringaudit_object *obj);
int uringaudit_hook_unix_reach(const struct sock *other);
u32 uringaudit_issue_opcode(void);
int uringaudit_event_decide(u32 op, u32 ctx, const struct cred *cred);
void __init uringaudit_add_issue_hooks(void);

#endif /* _SECURITY_URINGAUDIT_ISSUE_H */
