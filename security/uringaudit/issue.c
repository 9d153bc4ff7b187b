// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - The ops a task does: issues of io_uring requests
 *
 * Precise mode (a kernel with the io_uring LSM hook series): every issue of
 * a request passes security_uring_issue() before its handler runs and,
 * for a request an LSM follows, security_uring_result() after.  Between
 * the two the task's frame names the request, so that the file and socket
 * hooks the handler reaches know which op they belong to; a hook that
 * fires outside an issue is not io_uring work.  The context is where the
 * issue happens: inline in io_uring_enter(2), from task_work, on io-wq or
 * on the SQPOLL thread.
 *
 * An issue is decided first on what io_uring shows of it: opcode, class
 * and, for an op on a file descriptor, the file.  Rules on an object that
 * only a later hook shows (the file an open finds, the address a connect
 * uses) make that part of the decision wait for the hook.  One record per
 * issue, written when its result is known: at the end of the issue, or,
 * for a request that completes later (poll, timeouts, waits, multishot
 * rounds), when its completion is posted, with the CQE's result.
 *
 * Compat mode (a stock 6.12 kernel): each hook decides on its own, in the
 * context the task's state shows (context.h), and records at once.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/fcntl.h>
#include <linux/io_uring.h>
#include <linux/lsm_hooks.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "active.h"
#include "context.h"
#include "issue.h"
#include "note.h"
#include "setup.h"
#include "stash.h"
#include "stats.h"
#include "task.h"

#ifdef URINGAUDIT_PRECISE
#include <linux/io_uring_types.h>
#endif

/**
 * uringaudit_current_frame() - The current task's frame
 *
 * Context: Process context; may sleep.
 * Return: The frame, allocated on first use; NULL when out of memory.
 */
struct uringaudit_frame *uringaudit_current_frame(void)
{
	struct uringaudit_task *blob = uringaudit_task(current);

	if (unlikely(!blob->frame))
		blob->frame = kzalloc(sizeof(*blob->frame), GFP_KERNEL_ACCOUNT);
	return blob->frame;
}

/**
 * uringaudit_frame_free() - Free a task's frame
 * @frame: The frame, or NULL.
 */
void uringaudit_frame_free(struct uringaudit_frame *frame)
{
	if (!frame)
		return;
	uringaudit_scratch_free(&frame->scratch);
	uringaudit_unix_peer_release(&frame->peer);
	if (frame->rec) {
		uringaudit_record_free(frame->rec);
		kfree(frame->rec);
	}
	kfree(frame);
}

/**
 * uringaudit_event_decide() - Decide on an event of a ring's life
 * @op: The event: setup, sqpoll or override_creds.
 * @ctx: Where it happens.
 * @cred: The credentials it is about, or NULL for the current ones.
 *
 * Context: Process context; may sleep.
 * Return: 0, or -%EACCES to refuse it.
 */
int uringaudit_event_decide(u32 op, u32 ctx, const struct cred *cred)
{
	struct uringaudit_query q = { .op = op,
				      .opcode = URINGAUDIT_NO_OPCODE,
				      .ctx = ctx };
	struct uringaudit_record *rec = NULL;
	struct uringaudit_decision d;
	struct uringaudit_frame *frame;
	int ret;

	if (!rcu_access_pointer(uringaudit_active))
		return 0;
	frame = uringaudit_current_frame();
	if (!frame)
		return -ENOMEM;
	uringaudit_who_current(&q.who, cred, NULL);
	ret = uringaudit_decide_note(&frame->scratch, &q, &rec, &d);
	uringaudit_emit_free(rec, "", ret ? " res=0" : " res=1");
	return ret;
}

/* Compat mode: a hook decides its op alone, in the task's context. */
static int __maybe_unused compat_decide(u32 op,
					const struct uringaudit_object *obj)
{
	const u32 ctx = uringaudit_current_ctx();
	struct uringaudit_query q = {
		.op = op, .opcode = URINGAUDIT_NO_OPCODE, .ctx = ctx, .obj = obj
	};
	struct uringaudit_record *rec = NULL;
	struct uringaudit_decision d;
	struct uringaudit_frame *frame;
	int ret;

	if (likely(ctx == URINGAUDIT_CTX_NONE))
		return 0;
	if (uringaudit_quiet(op, ctx)) {
		uringaudit_stats_count(op, ctx, URINGAUDIT_ALLOW);
		return 0;
	}
	frame = uringaudit_current_frame();
	if (!frame)
		return -ENOMEM;
	uringaudit_who_current(&q.who, NULL, NULL);
	ret = uringaudit_decide_note(&frame->scratch, &q, &rec, &d);
	uringaudit_emit_free(rec, "", ret ? " res=0" : " res=1");
	return ret;
}

#ifdef URINGAUDIT_PRECISE

static const u32 ctx_of[] = {
	[IO_URING_ISSUER_SUBMIT] = URINGAUDIT_CTX_INLINE,
	[IO_URING_ISSUER_TASK_WORK] = URINGAUDIT_CTX_TASKWORK,
	[IO_URING_ISSUER_IOWQ] = URINGAUDIT_CTX_IOWQ,
	[IO_URING_ISSUER_SQPOLL] = URINGAUDIT_CTX_SQPOLL,
};

/* The class an issue is decided as: a socket is received from, sent to. */
static u32 issue_op(u32 opcode, const struct file *file)
{
	u32 op = uringaudit_opcodes[opcode].op;

	if (file && S_ISSOCK(file_inode(file)->i_mode)) {
		if (op == URINGAUDIT_OP_READ)
			return URINGAUDIT_OP_RECV;
		if (op == URINGAUDIT_OP_WRITE)
			return URINGAUDIT_OP_SEND;
	}
	return op;
}

/*
 * Whether the issue's own file is the object its class is decided on: not
 * for the ring MSG_RING sends to (the file it passes is shown by a later
 * hook), nor for ops without a file (a path op's file is shown later).  A
 * socket's family is known now, its address later.
 */
static bool file_is_object(u32 opcode, const struct file *file)
{
	return file && opcode != IORING_OP_MSG_RING;
}

/* Write the frame's record with @res as the result, and clear it. */
static void frame_write(struct uringaudit_frame *f, int res)
{
	struct uringaudit_stash st = {
		.ring = f->ring,
		.target = f->target,
		.opcode = f->opcode,
		.ctx = f->ctx,
		.denied = f->denied,
		.attempts = f->attempts,
		.first_ctx = f->first_ctx,
		.rec = f->rec,
	};

	if (!f->rec)
		return;
	f->written = true;
	uringaudit_stash_write(&st, res);
	uringaudit_record_free(f->rec);
	kfree(f->rec);
	f->rec = NULL;
}

/* Decide the classes of the frame's issue that waited for an object. */
static noinline void frame_settle_pending(struct uringaudit_frame *f)
{
	struct uringaudit_query q = { .opcode = f->opcode,
				      .ctx = f->ctx,
				      .who = f->who,
				      .stale = f->peer_stale };
	struct uringaudit_decision d;
	u32 op;

	while (f->pending) {
		op = __ffs64(f->pending);
		f->pending &= ~BIT_ULL(op);
		q.op = op;
		uringaudit_decide_note(&f->scratch, &q, &f->rec, &d);
		f->decided |= BIT_ULL(op);
	}
}

/* Close the frame's issue: decide what waited for an object no hook showed. */
static void frame_settle(struct uringaudit_frame *f)
{
	/* Every issue is decided, on its own class at least. */
	if (!f->decided && !f->pending && !f->written)
		f->pending = BIT_ULL(uringaudit_opcodes[f->opcode].op);
	if (f->pending)
		frame_settle_pending(f);
}

static void frame_close(struct uringaudit_frame *f)
{
	if (f->rec) {
		uringaudit_record_free(f->rec);
		kfree(f->rec);
		f->rec = NULL;
	}
	f->req = NULL;
	f->file = NULL;
	f->decided = 0;
	f->pending = 0;
	f->denied = false;
	f->written = false;
	f->peer_stale = false;
	if (f->peer.resolved)
		uringaudit_unix_peer_release(&f->peer);
}

/*
 * Whether the other classes @opcode may reach in @ctx are quiet: no later
 * hook of its issue has anything to decide, so the issue need not be
 * followed once decided silently.
 */
static bool others_quiet(u32 opcode, u32 op, u32 ctx)
{
	u64 ops = uringaudit_opcodes[opcode].ops & ~BIT_ULL(op);

	while (ops) {
		u32 other = __ffs64(ops);

		if (!uringaudit_quiet(other, ctx))
			return false;
		ops &= ~BIT_ULL(other);
	}
	return true;
}

/*
 * A read or write of a file, not a socket, that remembers allowing it,
 * outside any other issue and with no record kept for a request: allowed.
 * The opcode reaches no other class on such a file, and the file's own
 * hook decides the same class on the same file: no later hook of the issue
 * has anything to decide.
 */
static bool issue_remembered(const struct io_uring_issue *issue, u32 ctx)
{
	const u64 sock_ops = BIT_ULL(URINGAUDIT_OP_RECV) |
			     BIT_ULL(URINGAUDIT_OP_SEND);
	const struct uringaudit_opcode *oc = &uringaudit_opcodes[issue->opcode];
	const struct uringaudit_frame *f = uringaudit_task(current)->frame;

	if ((oc->op != URINGAUDIT_OP_READ && oc->op != URINGAUDIT_OP_WRITE) ||
	    (oc->ops & ~sock_ops) != BIT_ULL(oc->op) || !issue->file ||
	    S_ISSOCK(file_inode(issue->file)->i_mode) || (f && f->req) ||
	    !uringaudit_stash_empty())
		return false;
	return uringaudit_decide_remembered(oc->op, ctx, issue->file,
					    issue->submitter);
}

/*
 * An open that creates nothing does nothing before file_open shows its
 * file (its lookup aside), and file_open decides it whole, on every key:
 * deciding it at the issue too, with the file still to come, would only
 * be done again.  One that creates or truncates is decided at the issue
 * first, so that a refusal leaves nothing behind; an O_PATH open shows no
 * hook its file.  What no hook showed (a lookup that failed) is decided
 * when the issue ends, as for any class left waiting.
 */
static bool open_decided_whole(u32 opcode, u64 flags)
{
	return (opcode == IORING_OP_OPENAT || opcode == IORING_OP_OPENAT2) &&
	       !(flags & (O_CREAT | __O_TMPFILE | O_TRUNC | O_PATH));
}

static noinline int issue_slow(struct io_uring_issue *issue, u32 ctx)
{
	const u32 opcode = issue->opcode;
	struct uringaudit_query q = { .op = issue_op(opcode, issue->file),
				      .opcode = opcode,
				      .ctx = ctx };
	struct uringaudit_object file = { .type = URINGAUDIT_OBJ_FILE,
					  .file = issue->file };
	struct uringaudit_stash *st, *retry = NULL;
	struct uringaudit_decision d;
	struct uringaudit_frame *f;
	int ret;

	f = uringaudit_current_frame();
	if (!f)
		return -ENOMEM;
	/*
	 * A request issued again after -EAGAIN goes on with what its earlier
	 * attempts decided and recorded.  Another one found here (a round of
	 * a multishot request) is over.
	 */
	st = uringaudit_stash_find(issue->req, true);
	if (st && st->retry) {
		retry = st;
	} else if (st) {
		if (!st->written)
			uringaudit_stash_write(st, -EAGAIN);
		uringaudit_stash_free(st);
	}
	/* An issue inside an issue: not expected; keep the outer's record. */
	if (unlikely(f->req)) {
		frame_settle(f);
		frame_write(f, -ECANCELED);
	}
	frame_close(f);
	f->req = issue->req;
	f->opcode = opcode;
	f->ctx = ctx;
	f->ring = issue->ring;
	f->target = issue->file && io_is_uring_fops(issue->file) ?
			    issue->file->private_data :
			    NULL;
	f->attempts = 1;
	f->first_ctx = ctx;
	if (retry) {
		f->rec = retry->rec;
		retry->rec = NULL;
		f->decided = retry->decided;
		f->pending = retry->pending;
		f->attempts = min(retry->attempts + 1, U8_MAX);
		f->first_ctx = retry->first_ctx;
		uringaudit_stash_free(retry);
	}
	uringaudit_who_current(&f->who, NULL, issue->submitter);
	q.who = f->who;
	if (f->decided & BIT_ULL(q.op)) {
		/* Decided at an earlier attempt: that decision holds. */
		ret = 0;
		if (file_is_object(opcode, issue->file))
			f->file = issue->file;
	} else if (opcode == IORING_OP_UNLINKAT) {
		/* unlink or rmdir: only its hook tells. */
		ret = 0;
	} else if (open_decided_whole(opcode, issue->open_flags)) {
		ret = 0;
		f->pending |= BIT_ULL(q.op);
	} else {
		if (file_is_object(opcode, issue->file)) {
			q.obj = &file;
			f->file = issue->file;
		}
		/* An O_PATH open shows its file to no hook. */
		q.unseen = (opcode == IORING_OP_OPENAT ||
			    opcode == IORING_OP_OPENAT2) &&
			   (issue->open_flags & O_PATH);
		q.later = !q.unseen &&
			  (!q.obj || (BIT_ULL(q.op) & URINGAUDIT_SOCK_OPS));
		ret = uringaudit_decide_note(&f->scratch, &q, &f->rec, &d);
		if (d.pending)
			f->pending |= BIT_ULL(q.op);
		else
			f->decided |= BIT_ULL(q.op);
	}
	if (ret) {
		/* Refused before it ran: its record can be written now. */
		f->denied = true;
		frame_write(f, ret);
		frame_close(f);
		return ret;
	}
	/*
	 * Allowed silently, and nothing later to decide: done with it.  Not
	 * a stacked file: what its op acts on is its backing file, which a
	 * later hook shows.
	 */
	if (!f->rec && !f->pending && (f->decided & BIT_ULL(q.op)) &&
	    (!issue->file || uringaudit_file_cacheable(issue->file)) &&
	    others_quiet(opcode, q.op, ctx)) {
		frame_close(f);
		return 0;
	}
	issue->follow = true;
	return 0;
}

/*
 * A round of a multishot poll, which is not issued again: decided as its
 * issue was, on its file, and refused, the request ends.  A refusal is
 * recorded now; a round the policy records is recorded with the result of
 * the CQE it posts, as every round of a recorded request is.
 */
static noinline int issue_round(struct io_uring_issue *issue, u32 ctx)
{
	struct uringaudit_object file = { .type = URINGAUDIT_OBJ_FILE,
					  .file = issue->file };
	struct uringaudit_query q = { .op = issue_op(issue->opcode,
						     issue->file),
				      .opcode = issue->opcode,
				      .ctx = ctx,
				      .obj = issue->file ? &file : NULL };
	struct uringaudit_stash now = { .req = issue->req,
					.ring = issue->ring,
					.opcode = issue->opcode,
					.ctx = ctx };
	struct uringaudit_record *rec = NULL;
	struct uringaudit_decision d;
	struct uringaudit_frame *f;
	struct uringaudit_stash *st;
	int ret;

	f = uringaudit_current_frame();
	if (!f)
		return -ENOMEM;
	uringaudit_who_current(&q.who, NULL, issue->submitter);
	ret = uringaudit_decide_note(&f->scratch, &q, &rec, &d);
	if (!rec)
		return ret;
	if (ret) {
		now.denied = true;
		now.rec = rec;
		uringaudit_stash_write(&now, ret);
	} else if (!uringaudit_stash_find(issue->req, false)) {
		st = kmalloc(sizeof(*st), GFP_KERNEL_ACCOUNT);
		if (st) {
			now.rec = rec;
			*st = now;
			uringaudit_stash_add(st);
			issue->follow = true;
			return 0;
		}
		uringaudit_stats_lost();
	}
	uringaudit_record_free(rec);
	kfree(rec);
	return ret;
}

/*
 * Most opcodes, under most policies, stop at the first test; the reads and
 * writes of a file that remembers allowing them at the third.
 */
static int hook_uring_issue(struct io_uring_issue *issue)
{
	u32 ctx;

	if (likely(!test_bit(issue->opcode, uringaudit_opcode_interest)))
		return 0;
	ctx = ctx_of[issue->issuer];
	if (uringaudit_quiet_opcode(issue->opcode, ctx)) {
		uringaudit_stats_count(issue_op(issue->opcode, issue->file),
				       ctx, URINGAUDIT_ALLOW);
		return 0;
	}
	if (unlikely(issue->round))
		return issue_round(issue, ctx);
	if (issue_remembered(issue, ctx))
		return 0;
	return issue_slow(issue, ctx);
}

/*
 * Keep what the frame's issue decided and recorded for later: for its
 * completion (@retry false: the request completes after its issue), or,
 * for an issue that returned -EAGAIN (@retry true), for the next attempt
 * too, since io_uring issues it again (on io-wq, or after a poll wake-up)
 * or completes it with -EAGAIN.  Either way, a request has one record,
 * written when its result is known.
 */
static void frame_keep(struct uringaudit_frame *f, bool retry)
{
	struct uringaudit_stash *st = kmalloc(sizeof(*st), GFP_KERNEL_ACCOUNT);

	if (!st) {
		if (f->rec)
			uringaudit_stats_lost();
		return;
	}
	*st = (struct uringaudit_stash){
		.req = f->req,
		.ring = f->ring,
		.target = f->target,
		.opcode = f->opcode,
		.ctx = f->ctx,
		.denied = f->denied,
		.retry = retry,
		.attempts = f->attempts,
		.first_ctx = f->first_ctx,
		.decided = f->decided,
		.pending = f->pending,
		.rec = f->rec,
	};
	f->rec = NULL;
	uringaudit_stash_add(st);
}

static void hook_uring_result(const struct io_uring_issue *issue, int res,
			      unsigned int flags)
{
	struct uringaudit_frame *f = uringaudit_task(current)->frame;
	struct uringaudit_stash *st;

	if (f && f->req == issue->req) {
		if (res == -EAGAIN && !flags) {
			frame_keep(f, true);
			frame_close(f);
			return;
		}
		if (flags & IO_URING_RESULT_MORE) {
			/* A round of a multishot request: its own record. */
			frame_settle(f);
			frame_write(f, res);
			f->decided = 0;
			f->file = NULL;
			return;
		}
		frame_settle(f);
		if (res == -EIOCBQUEUED && !(flags & IO_URING_RESULT_DONE) &&
		    f->rec) {
			/* It completes later: keep its record until then. */
			frame_keep(f, false);
		} else if (res != -EIOCBQUEUED) {
			frame_write(f, res);
		}
		frame_close(f);
		return;
	}
	/* After its issue: a request whose record waits for its result. */
	st = uringaudit_stash_find(issue->req, flags & IO_URING_RESULT_DONE);
	if (!st)
		return;
	if (!(flags & IO_URING_RESULT_DONE)) {
		uringaudit_stash_write(st, res);
		st->written = true;
		return;
	}
	uringaudit_stash_write(st, res);
	uringaudit_stash_free(st);
}

/*
 * The unix socket ops that reach another socket, or their own: decided on
 * that socket, found as the kernel finds it.  A bind names a socket still
 * to be made; its name is decided as a name is (path_mknod).
 */
#define UNIX_REACH_OPS                                                   \
	(BIT_ULL(URINGAUDIT_OP_CONNECT) | BIT_ULL(URINGAUDIT_OP_SEND) |  \
	 BIT_ULL(URINGAUDIT_OP_RECV) | BIT_ULL(URINGAUDIT_OP_SHUTDOWN) | \
	 BIT_ULL(URINGAUDIT_OP_LISTEN) | BIT_ULL(URINGAUDIT_OP_ACCEPT))

/* A hook inside an issue: the issue's op, on the object the hook shows. */
static int issue_decide(struct uringaudit_frame *f, u32 op,
			const struct uringaudit_object *obj)
{
	struct uringaudit_query q = { .op = op,
				      .opcode = f->opcode,
				      .ctx = f->ctx,
				      .who = f->who,
				      .obj = obj };
	struct uringaudit_object reach;
	struct uringaudit_decision d;
	int ret;

	/* The issue's own file, decided already for this class. */
	if ((f->decided & BIT_ULL(op)) && obj->type == URINGAUDIT_OBJ_FILE &&
	    obj->file == f->file && !obj->has_cmd_op)
		return 0;
	if (obj->type == URINGAUDIT_OBJ_SOCKET &&
	    (BIT_ULL(op) & UNIX_REACH_OPS) && uringaudit_unix_op(obj)) {
		if (f->peer.resolved)
			uringaudit_unix_peer_release(&f->peer);
		uringaudit_unix_peer_find(obj, op, &f->peer);
		reach = *obj;
		reach.peer = &f->peer;
		q.obj = &reach;
	}
	ret = uringaudit_decide_note(&f->scratch, &q, &f->rec, &d);
	f->pending &= ~BIT_ULL(op);
	f->decided |= BIT_ULL(op);
	if (ret)
		f->denied = true;
	return ret;
}

/*
 * The unix socket the kernel reached, under its state lock: the one the op
 * was decided on, or the op fails, and is decided again when its issue
 * ends with its address failed (uringaudit_query.stale).
 */
static int issue_unix_reach(struct uringaudit_frame *f,
			    const struct sock *other)
{
	if (!f->peer.resolved || uringaudit_unix_peer_is(&f->peer, other))
		return 0;
	f->peer_stale = true;
	f->denied = true;
	f->pending |= f->decided & UNIX_REACH_OPS;
	f->decided &= ~UNIX_REACH_OPS;
	return -EACCES;
}

static struct security_hook_list uringaudit_issue_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(uring_issue, hook_uring_issue),
	LSM_HOOK_INIT(uring_result, hook_uring_result),
};

/**
 * uringaudit_add_issue_hooks() - Register the hooks of io_uring issues
 */
void __init uringaudit_add_issue_hooks(void)
{
	security_add_hooks(uringaudit_issue_hooks,
			   ARRAY_SIZE(uringaudit_issue_hooks),
			   &uringaudit_lsmid);
}

#else /* !URINGAUDIT_PRECISE */

void __init uringaudit_add_issue_hooks(void)
{
}

#endif /* URINGAUDIT_PRECISE */

/**
 * uringaudit_issue_opcode() - The opcode of the request the task issues
 *
 * Return: The IORING_OP_* of the issue in progress, or
 * %URINGAUDIT_NO_OPCODE outside an issue and in compat mode.
 */
u32 uringaudit_issue_opcode(void)
{
#ifdef URINGAUDIT_PRECISE
	const struct uringaudit_frame *f = uringaudit_task(current)->frame;

	if (f && f->req)
		return f->opcode;
#endif
	return URINGAUDIT_NO_OPCODE;
}

/**
 * uringaudit_hook_unix_reach() - Check the unix socket the kernel reached
 * @other: The socket a connect or a send of the current issue reached.
 *
 * Context: Atomic: @other's state lock is held.
 * Return: 0, or -%EACCES when it is not the socket the op was decided on.
 */
int uringaudit_hook_unix_reach(const struct sock *other)
{
#ifdef URINGAUDIT_PRECISE
	struct uringaudit_frame *f = uringaudit_task(current)->frame;

	if (likely(!f || !f->req))
		return 0;
	return issue_unix_reach(f, other);
#else
	return 0;
#endif
}

/**
 * uringaudit_hook_decide() - Decide on the op a file or socket hook shows
 * @op: The op class the hook stands for.
 * @obj: The object it shows.
 *
 * Precise mode: only inside an issue, as part of that issue's decision.
 * Compat mode: in the context the task's state shows.
 *
 * Context: Process context; may sleep.
 * Return: 0 to let the op run, -%EACCES (or -%ENOMEM) to fail it.
 */
int uringaudit_hook_decide(u32 op, const struct uringaudit_object *obj)
{
#ifdef URINGAUDIT_PRECISE
	struct uringaudit_frame *f = uringaudit_task(current)->frame;

	if (likely(!f || !f->req))
		return 0;
	return issue_decide(f, op, obj);
#else
	return compat_decide(op, obj);
#endif
}
