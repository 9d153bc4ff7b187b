/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - The words of a policy: op classes and events, opcodes,
 * contexts, actions and address families
 *
 * Built in the kernel and in uringaudit-ctl, as policy.h.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_POLICY_NAMES_H
#define _SECURITY_URINGAUDIT_POLICY_NAMES_H

#ifdef __KERNEL__
#include <linux/bits.h>
#include <linux/types.h>
#endif /* __KERNEL__ */

/**
 * enum uringaudit_op - What uringaudit decides on: op classes and events
 *
 * An op class names what an io_uring operation does, whatever hook it
 * reaches: a read from a socket is a recv, an O_PATH open is an open.
 * Each IORING_OP_* has the class of &uringaudit_opcodes; a few reach more
 * classes as they run (an open that truncates, a send that connects).  An
 * event is a moment in a ring's life.
 *
 * @URINGAUDIT_OP_OPEN: A file is opened.
 * @URINGAUDIT_OP_READ: A file is read.
 * @URINGAUDIT_OP_WRITE: A file is written (or allocated).
 * @URINGAUDIT_OP_TRUNCATE: A file is truncated.
 * @URINGAUDIT_OP_STATX: A file's attributes are read.
 * @URINGAUDIT_OP_GETXATTR: An extended attribute is read.
 * @URINGAUDIT_OP_SETXATTR: An extended attribute is written.
 * @URINGAUDIT_OP_UNLINK: A name is removed.
 * @URINGAUDIT_OP_RMDIR: A directory is removed.
 * @URINGAUDIT_OP_RENAME: A name is moved.
 * @URINGAUDIT_OP_MKDIR: A directory is made.
 * @URINGAUDIT_OP_SYMLINK: A symbolic link is made.
 * @URINGAUDIT_OP_LINK: A hard link is made.
 * @URINGAUDIT_OP_FD_INSTALL: A file gets a descriptor in another table.
 * @URINGAUDIT_OP_SOCKET: A socket is made.
 * @URINGAUDIT_OP_CONNECT: A socket connects.
 * @URINGAUDIT_OP_ACCEPT: A socket accepts.
 * @URINGAUDIT_OP_BIND: A socket is bound.
 * @URINGAUDIT_OP_LISTEN: A socket listens.
 * @URINGAUDIT_OP_SEND: A message is sent.
 * @URINGAUDIT_OP_RECV: A message is received.
 * @URINGAUDIT_OP_SHUTDOWN: A socket is shut down.
 * @URINGAUDIT_OP_URING_CMD: A command goes to a driver.
 * @URINGAUDIT_OP_SETUP: Event: a ring is set up.
 * @URINGAUDIT_OP_SQPOLL: Event: a ring gets an SQPOLL thread.
 * @URINGAUDIT_OP_OVERRIDE_CREDS: Event: an op runs with a registered
 *	personality.
 * @URINGAUDIT_OP_NOP: Nothing is done (NOP).
 * @URINGAUDIT_OP_CLOSE: A descriptor or fixed-file slot is closed.
 * @URINGAUDIT_OP_SYNC: A file is synced to storage.
 * @URINGAUDIT_OP_ADVISE: Advice on file or memory access is given.
 * @URINGAUDIT_OP_POLL: A poll is armed or removed.
 * @URINGAUDIT_OP_EPOLL: An epoll set is changed.
 * @URINGAUDIT_OP_TIMEOUT: A timeout is armed, changed or removed.
 * @URINGAUDIT_OP_CANCEL: Requests are cancelled.
 * @URINGAUDIT_OP_FILES_UPDATE: The fixed-file table is changed.
 * @URINGAUDIT_OP_BUFFERS: Provided buffers are added or removed.
 * @URINGAUDIT_OP_MSG_RING: A message, maybe with a file, goes to another
 *	ring.
 * @URINGAUDIT_OP_WAITID: A child process is waited for.
 * @URINGAUDIT_OP_FUTEX: A futex is waited on or woken.
 * @__URINGAUDIT_OP_MAX: Number of op classes and events; not one of them.
 */
enum uringaudit_op {
	URINGAUDIT_OP_OPEN = 0,
	URINGAUDIT_OP_READ,
	URINGAUDIT_OP_WRITE,
	URINGAUDIT_OP_TRUNCATE,
	URINGAUDIT_OP_STATX,
	URINGAUDIT_OP_GETXATTR,
	URINGAUDIT_OP_SETXATTR,
	URINGAUDIT_OP_UNLINK,
	URINGAUDIT_OP_RMDIR,
	URINGAUDIT_OP_RENAME,
	URINGAUDIT_OP_MKDIR,
	URINGAUDIT_OP_SYMLINK,
	URINGAUDIT_OP_LINK,
	URINGAUDIT_OP_FD_INSTALL,
	URINGAUDIT_OP_SOCKET,
	URINGAUDIT_OP_CONNECT,
	URINGAUDIT_OP_ACCEPT,
	URINGAUDIT_OP_BIND,
	URINGAUDIT_OP_LISTEN,
	URINGAUDIT_OP_SEND,
	URINGAUDIT_OP_RECV,
	URINGAUDIT_OP_SHUTDOWN,
	URINGAUDIT_OP_URING_CMD,
	URINGAUDIT_OP_SETUP,
	URINGAUDIT_OP_SQPOLL,
	URINGAUDIT_OP_OVERRIDE_CREDS,
	URINGAUDIT_OP_NOP,
	URINGAUDIT_OP_CLOSE,
	URINGAUDIT_OP_SYNC,
	URINGAUDIT_OP_ADVISE,
	URINGAUDIT_OP_POLL,
	URINGAUDIT_OP_EPOLL,
	URINGAUDIT_OP_TIMEOUT,
	URINGAUDIT_OP_CANCEL,
	URINGAUDIT_OP_FILES_UPDATE,
	URINGAUDIT_OP_BUFFERS,
	URINGAUDIT_OP_MSG_RING,
	URINGAUDIT_OP_WAITID,
	URINGAUDIT_OP_FUTEX,
	__URINGAUDIT_OP_MAX
};

/* The events: moments of a ring's life, not operations. */
#define URINGAUDIT_EVENTS                                               \
	(BIT_ULL(URINGAUDIT_OP_SETUP) | BIT_ULL(URINGAUDIT_OP_SQPOLL) | \
	 BIT_ULL(URINGAUDIT_OP_OVERRIDE_CREDS))

/* The op classes whose object can be a file: the ones path= applies to. */
#define URINGAUDIT_PATH_OPS                                               \
	(GENMASK_ULL(URINGAUDIT_OP_FD_INSTALL, URINGAUDIT_OP_OPEN) |      \
	 BIT_ULL(URINGAUDIT_OP_URING_CMD) | BIT_ULL(URINGAUDIT_OP_SYNC) | \
	 BIT_ULL(URINGAUDIT_OP_ADVISE) | BIT_ULL(URINGAUDIT_OP_POLL) |    \
	 BIT_ULL(URINGAUDIT_OP_MSG_RING) | BIT_ULL(URINGAUDIT_OP_BIND))

/* The op classes whose object is a socket: family=, addr=, port=. */
#define URINGAUDIT_SOCK_OPS \
	GENMASK_ULL(URINGAUDIT_OP_SHUTDOWN, URINGAUDIT_OP_SOCKET)

/* IORING_OP_* of Linux 6.12: IORING_OP_NOP to IORING_OP_LISTEN. */
#define URINGAUDIT_NR_OPCODES 58
/* The opcode of a decision that has none: an event, or compat mode. */
#define URINGAUDIT_NO_OPCODE 0xff

/**
 * struct uringaudit_opcode - What an IORING_OP_* is, to a policy
 * @name: Its name: the IORING_OP_ name in lower case, as opcode= takes it.
 * @op: The class it is decided as when io_uring issues it.
 * @ops: Every class it can reach as it runs (@op among them).
 */
struct uringaudit_opcode {
	const char *name;
	u32 op;
	u64 ops;
};

extern const struct uringaudit_opcode uringaudit_opcodes[URINGAUDIT_NR_OPCODES];

/**
 * enum uringaudit_ctx - Context an io_uring operation runs in
 *
 * @URINGAUDIT_CTX_INLINE: A user task submitting inside io_uring_enter(2)
 *	(or, for the setup and sqpoll events, io_uring_setup(2)).
 * @URINGAUDIT_CTX_IOWQ: An io-wq worker thread (``iou-wrk-*``).
 * @URINGAUDIT_CTX_SQPOLL: A submission queue polling thread (``iou-sqp-*``).
 * @URINGAUDIT_CTX_TASKWORK: task_work of the submitting task: a link's next
 *	request, a retry after a poll wake-up, a multishot round (precise mode).
 * @URINGAUDIT_CTX_NONE: Not io_uring work that uringaudit can recognise.
 * @__URINGAUDIT_CTX_MAX: Number of contexts; not a context.
 */
enum uringaudit_ctx {
	URINGAUDIT_CTX_INLINE = 0,
	URINGAUDIT_CTX_IOWQ,
	URINGAUDIT_CTX_SQPOLL,
	URINGAUDIT_CTX_TASKWORK,
	URINGAUDIT_CTX_NONE,
	__URINGAUDIT_CTX_MAX
};

/* Number of contexts a rule can name: every one but %URINGAUDIT_CTX_NONE. */
#define URINGAUDIT_NR_CTX URINGAUDIT_CTX_NONE

/**
 * enum uringaudit_action - What a rule does with the ops it matches
 *
 * @URINGAUDIT_ALLOW: Let the op run, without a record.
 * @URINGAUDIT_AUDIT: Let the op run, with a record.
 * @URINGAUDIT_DENY: Fail the op with -EACCES, with a record; in permissive
 *	mode, let it run, with a record that says it would have failed.
 * @__URINGAUDIT_ACTION_MAX: Number of actions; not an action.
 */
enum uringaudit_action {
	URINGAUDIT_ALLOW = 0,
	URINGAUDIT_AUDIT,
	URINGAUDIT_DENY,
	__URINGAUDIT_ACTION_MAX
};

/* Address families a rule can name, as in <linux/socket.h>. */
#define URINGAUDIT_AF_UNIX 1
#define URINGAUDIT_AF_INET 2
#define URINGAUDIT_AF_INET6 10
#define URINGAUDIT_AF_NETLINK 16
#define URINGAUDIT_AF_PACKET 17
#define URINGAUDIT_AF_MAX 46

int uringaudit_opcode_lookup(const char *name, u32 len);
int uringaudit_family_lookup(const char *name, u32 len);
const char *uringaudit_family_name(u32 family);

extern const char *const uringaudit_op_names[__URINGAUDIT_OP_MAX];
extern const char *const uringaudit_ctx_names[__URINGAUDIT_CTX_MAX];
extern const char *const uringaudit_action_names[__URINGAUDIT_ACTION_MAX];

#endif /* _SECURITY_URINGAUDIT_POLICY_NAMES_H */
