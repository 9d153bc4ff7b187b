/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - The decision on an io_uring operation
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_EVAL_H
#define _SECURITY_URINGAUDIT_EVAL_H

#include <linux/compiler.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/net.h>
#include <linux/path.h>
#include <linux/socket.h>
#include <linux/types.h>

#include "active.h"
#include "context.h"
#include "policy.h"
#include "stats.h"

/**
 * enum uringaudit_object_type - What an op acts on
 *
 * @URINGAUDIT_OBJ_NONE: Nothing (events).
 * @URINGAUDIT_OBJ_FILE: An open file.
 * @URINGAUDIT_OBJ_PATH: A path.
 * @URINGAUDIT_OBJ_ENTRY: A name in a directory: @path is the directory,
 *	@dentry the (possibly negative) entry.
 * @URINGAUDIT_OBJ_DENTRY: A dentry whose mount is unknown.
 * @URINGAUDIT_OBJ_SOCKET: A socket, maybe with an address.
 * @URINGAUDIT_OBJ_FAMILY: A socket yet to be created.
 */
enum uringaudit_object_type {
	URINGAUDIT_OBJ_NONE = 0,
	URINGAUDIT_OBJ_FILE,
	URINGAUDIT_OBJ_PATH,
	URINGAUDIT_OBJ_ENTRY,
	URINGAUDIT_OBJ_DENTRY,
	URINGAUDIT_OBJ_SOCKET,
	URINGAUDIT_OBJ_FAMILY,
};

/**
 * struct uringaudit_object - The object of an op, as its hook gives it
 *
 * Only pointers: the hook builds it for free, and paths are resolved only
 * when the policy or a record needs them.
 *
 * @type: Which of the fields below are set.
 * @file: The file (%URINGAUDIT_OBJ_FILE).
 * @path: The path, or the directory (%URINGAUDIT_OBJ_PATH, _ENTRY).
 * @dentry: The entry (%URINGAUDIT_OBJ_ENTRY, _DENTRY).
 * @sock: The socket (%URINGAUDIT_OBJ_SOCKET).
 * @addr: The address of connect and bind, or NULL.
 * @addrlen: Length of @addr.
 * @family: The address family (%URINGAUDIT_OBJ_FAMILY).
 * @has_cmd_op: Whether @cmd_op is set.
 * @cmd_op: The command of a uring_cmd.
 */
struct uringaudit_object {
	enum uringaudit_object_type type;
	struct file *file;
	const struct path *path;
	struct dentry *dentry;
	struct socket *sock;
	const struct sockaddr *addr;
	int addrlen;
	int family;
	bool has_cmd_op;
	u32 cmd_op;
};

/* Paths up to this long are resolved on the stack, longer ones in the heap. */
#define URINGAUDIT_PATH_INLINE 256

/**
 * struct uringaudit_scratch - The object's path, resolved for one decision
 *
 * @path_buf: Heap buffer of @path when it did not fit @path_inline, or NULL.
 * @path: The object's path, once resolved; NULL before, or when it has
 *	none.
 * @path_done: Whether resolving @path was attempted.
 * @path_inline: Buffer of @path when it fits.
 */
struct uringaudit_scratch {
	char *path_buf;
	const char *path;
	bool path_done;
	char path_inline[URINGAUDIT_PATH_INLINE];
};

const char *uringaudit_object_path(const struct uringaudit_object *obj,
				   struct uringaudit_scratch *scratch);

int uringaudit_decide_active(enum uringaudit_op op, enum uringaudit_ctx ctx,
			     const struct uringaudit_object *obj,
			     const struct cred *cred);

/**
 * uringaudit_quiet() - Whether only an allowing default can decide an op
 * @op: The op class or event.
 * @ctx: Its context; not %URINGAUDIT_CTX_NONE.
 *
 * True with no policy loaded, or when no rule of the policy names the op
 * in its context and the default is allow.  A policy loaded meanwhile
 * decides the next op, as if this one had come first.
 *
 * Return: true when the op is allowed without a decision.
 */
static __always_inline bool uringaudit_quiet(enum uringaudit_op op,
					     enum uringaudit_ctx ctx)
{
	const struct uringaudit_active *active;
	bool quiet;

	rcu_read_lock();
	active = rcu_dereference(uringaudit_active);
	quiet = !active || (active->quiet[ctx] & BIT_ULL(op));
	rcu_read_unlock();
	return quiet;
}

/**
 * uringaudit_decide_ctx() - Decide on an op whose context is known
 * @op: The op class or event.
 * @ctx: Its context; not %URINGAUDIT_CTX_NONE.
 * @obj: Its object.
 * @cred: The credentials the op runs with, or NULL for the current ones.
 *
 * An op that only an allowing default can decide (uringaudit_quiet()) is
 * counted and allowed here, inline.
 *
 * Context: Process context; does not sleep.
 * Return: 0 to let the op run, -%EACCES to fail it.
 */
static __always_inline int
uringaudit_decide_ctx(enum uringaudit_op op, enum uringaudit_ctx ctx,
		      const struct uringaudit_object *obj,
		      const struct cred *cred)
{
	if (likely(uringaudit_quiet(op, ctx))) {
		uringaudit_stats_count(op, ctx, URINGAUDIT_ALLOW);
		return 0;
	}
	return uringaudit_decide_active(op, ctx, obj, cred);
}

/**
 * uringaudit_decide() - Decide on an op of the current task
 * @op: The op class.
 * @...: Its object: a pointer to &struct uringaudit_object, often a
 *	compound literal (hence the variadic form, for its commas).
 *
 * A macro, so that the object is built only for an op that a rule names or
 * the default audits or denies: any other task pays for the context test
 * alone, two loads and two tests; other io_uring work, for a look at the
 * policy (uringaudit_quiet()) and a counter more.
 *
 * Return: 0 to let the op run, -%EACCES to fail it.
 */
#define uringaudit_decide(op, ...)                                         \
	({                                                                 \
		const enum uringaudit_op op_ = (op);                       \
		const enum uringaudit_ctx ctx_ = uringaudit_current_ctx(); \
		int ret_ = 0;                                              \
		if (unlikely(ctx_ != URINGAUDIT_CTX_NONE)) {               \
			if (likely(uringaudit_quiet(op_, ctx_)))           \
				uringaudit_stats_count(op_, ctx_,          \
						       URINGAUDIT_ALLOW);  \
			else                                               \
				ret_ = uringaudit_decide_active(           \
					op_, ctx_, __VA_ARGS__, NULL);     \
		}                                                          \
		ret_;                                                      \
	})

#endif /* _SECURITY_URINGAUDIT_EVAL_H */
