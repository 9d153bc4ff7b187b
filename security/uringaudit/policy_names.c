// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - The names a policy uses: op classes, opcodes, contexts,
 * actions and address families
 *
 * This file builds in the kernel and in uringaudit-ctl.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/string.h>
#endif /* __KERNEL__ */

#include "policy_names.h"

const char *const uringaudit_op_names[__URINGAUDIT_OP_MAX] = {
	[URINGAUDIT_OP_OPEN] = "open",
	[URINGAUDIT_OP_READ] = "read",
	[URINGAUDIT_OP_WRITE] = "write",
	[URINGAUDIT_OP_TRUNCATE] = "truncate",
	[URINGAUDIT_OP_STATX] = "statx",
	[URINGAUDIT_OP_GETXATTR] = "getxattr",
	[URINGAUDIT_OP_SETXATTR] = "setxattr",
	[URINGAUDIT_OP_UNLINK] = "unlink",
	[URINGAUDIT_OP_RMDIR] = "rmdir",
	[URINGAUDIT_OP_RENAME] = "rename",
	[URINGAUDIT_OP_MKDIR] = "mkdir",
	[URINGAUDIT_OP_SYMLINK] = "symlink",
	[URINGAUDIT_OP_LINK] = "link",
	[URINGAUDIT_OP_FD_INSTALL] = "fd_install",
	[URINGAUDIT_OP_SOCKET] = "socket",
	[URINGAUDIT_OP_CONNECT] = "connect",
	[URINGAUDIT_OP_ACCEPT] = "accept",
	[URINGAUDIT_OP_BIND] = "bind",
	[URINGAUDIT_OP_LISTEN] = "listen",
	[URINGAUDIT_OP_SEND] = "send",
	[URINGAUDIT_OP_RECV] = "recv",
	[URINGAUDIT_OP_SHUTDOWN] = "shutdown",
	[URINGAUDIT_OP_URING_CMD] = "uring_cmd",
	[URINGAUDIT_OP_SETUP] = "setup",
	[URINGAUDIT_OP_SQPOLL] = "sqpoll",
	[URINGAUDIT_OP_OVERRIDE_CREDS] = "override_creds",
	[URINGAUDIT_OP_NOP] = "nop",
	[URINGAUDIT_OP_CLOSE] = "close",
	[URINGAUDIT_OP_SYNC] = "sync",
	[URINGAUDIT_OP_ADVISE] = "advise",
	[URINGAUDIT_OP_POLL] = "poll",
	[URINGAUDIT_OP_EPOLL] = "epoll",
	[URINGAUDIT_OP_TIMEOUT] = "timeout",
	[URINGAUDIT_OP_CANCEL] = "cancel",
	[URINGAUDIT_OP_FILES_UPDATE] = "files_update",
	[URINGAUDIT_OP_BUFFERS] = "buffers",
	[URINGAUDIT_OP_MSG_RING] = "msg_ring",
	[URINGAUDIT_OP_WAITID] = "waitid",
	[URINGAUDIT_OP_FUTEX] = "futex",
};

const char *const uringaudit_ctx_names[__URINGAUDIT_CTX_MAX] = {
	[URINGAUDIT_CTX_INLINE] = "inline",
	[URINGAUDIT_CTX_IOWQ] = "iowq",
	[URINGAUDIT_CTX_SQPOLL] = "sqpoll",
	[URINGAUDIT_CTX_TASKWORK] = "taskwork",
	[URINGAUDIT_CTX_NONE] = "none",
};

const char *const uringaudit_action_names[__URINGAUDIT_ACTION_MAX] = {
	[URINGAUDIT_ALLOW] = "allow",
	[URINGAUDIT_AUDIT] = "audit",
	[URINGAUDIT_DENY] = "deny",
};

/*
 * Op classes by the end of their name; only pasted, never expanded, since
 * READ and WRITE are macros of the kernel's.
 */
#define OP(cls) BIT_ULL(URINGAUDIT_OP_##cls)
#define OPCODE(nm, cls, more)                                \
	{                                                    \
		.name = nm, .op = URINGAUDIT_OP_##cls,       \
		.ops = BIT_ULL(URINGAUDIT_OP_##cls) | (more) \
	}

/*
 * Every IORING_OP_* of Linux 6.12, in the order of the uapi enum.  A read
 * or write of a socket is a recv or send; a send that connects is also a
 * connect; a recvmsg that receives descriptors also installs them; an open
 * with O_TRUNC also truncates; unlinkat removes a name or a directory.
 */
const struct uringaudit_opcode uringaudit_opcodes[URINGAUDIT_NR_OPCODES] = {
	OPCODE("nop", NOP, 0),
	OPCODE("readv", READ, OP(RECV)),
	OPCODE("writev", WRITE, OP(SEND)),
	OPCODE("fsync", SYNC, 0),
	OPCODE("read_fixed", READ, OP(RECV)),
	OPCODE("write_fixed", WRITE, OP(SEND)),
	OPCODE("poll_add", POLL, 0),
	OPCODE("poll_remove", POLL, 0),
	OPCODE("sync_file_range", SYNC, 0),
	OPCODE("sendmsg", SEND, OP(CONNECT)),
	OPCODE("recvmsg", RECV, OP(FD_INSTALL)),
	OPCODE("timeout", TIMEOUT, 0),
	OPCODE("timeout_remove", TIMEOUT, 0),
	OPCODE("accept", ACCEPT, 0),
	OPCODE("async_cancel", CANCEL, 0),
	OPCODE("link_timeout", TIMEOUT, 0),
	OPCODE("connect", CONNECT, 0),
	OPCODE("fallocate", WRITE, 0),
	OPCODE("openat", OPEN, OP(TRUNCATE)),
	OPCODE("close", CLOSE, 0),
	OPCODE("files_update", FILES_UPDATE, 0),
	OPCODE("statx", STATX, 0),
	OPCODE("read", READ, OP(RECV)),
	OPCODE("write", WRITE, OP(SEND)),
	OPCODE("fadvise", ADVISE, 0),
	OPCODE("madvise", ADVISE, 0),
	OPCODE("send", SEND, OP(CONNECT)),
	OPCODE("recv", RECV, 0),
	OPCODE("openat2", OPEN, OP(TRUNCATE)),
	OPCODE("epoll_ctl", EPOLL, 0),
	OPCODE("splice", WRITE,
	       BIT_ULL(URINGAUDIT_OP_READ) | OP(SEND) | OP(RECV)),
	OPCODE("provide_buffers", BUFFERS, 0),
	OPCODE("remove_buffers", BUFFERS, 0),
	OPCODE("tee", WRITE, 0),
	OPCODE("shutdown", SHUTDOWN, 0),
	OPCODE("renameat", RENAME, 0),
	OPCODE("unlinkat", UNLINK, OP(RMDIR)),
	OPCODE("mkdirat", MKDIR, 0),
	OPCODE("symlinkat", SYMLINK, 0),
	OPCODE("linkat", LINK, 0),
	OPCODE("msg_ring", MSG_RING, 0),
	OPCODE("fsetxattr", SETXATTR, 0),
	OPCODE("setxattr", SETXATTR, 0),
	OPCODE("fgetxattr", GETXATTR, 0),
	OPCODE("getxattr", GETXATTR, 0),
	OPCODE("socket", SOCKET, 0),
	OPCODE("uring_cmd", URING_CMD, 0),
	OPCODE("send_zc", SEND, OP(CONNECT)),
	OPCODE("sendmsg_zc", SEND, OP(CONNECT)),
	OPCODE("read_multishot", READ, OP(RECV)),
	OPCODE("waitid", WAITID, 0),
	OPCODE("futex_wait", FUTEX, 0),
	OPCODE("futex_wake", FUTEX, 0),
	OPCODE("futex_waitv", FUTEX, 0),
	OPCODE("fixed_fd_install", FD_INSTALL, 0),
	OPCODE("ftruncate", TRUNCATE, 0),
	OPCODE("bind", BIND, 0),
	OPCODE("listen", LISTEN, 0),
};

/**
 * uringaudit_opcode_lookup() - The IORING_OP_* of a name
 * @name: The name, as opcode= takes it; need not be NUL-terminated.
 * @len: Its length.
 *
 * Return: The opcode, or -1 when no opcode has that name.
 */
int uringaudit_opcode_lookup(const char *name, u32 len)
{
	int i;

	for (i = 0; i < URINGAUDIT_NR_OPCODES; i++)
		if (strlen(uringaudit_opcodes[i].name) == len &&
		    !memcmp(uringaudit_opcodes[i].name, name, len))
			return i;
	return -1;
}

static const struct {
	const char *name;
	u32 family;
} families[] = {
	{ "unix", URINGAUDIT_AF_UNIX },
	{ "inet", URINGAUDIT_AF_INET },
	{ "inet6", URINGAUDIT_AF_INET6 },
	{ "netlink", URINGAUDIT_AF_NETLINK },
	{ "packet", URINGAUDIT_AF_PACKET },
};

/**
 * uringaudit_family_lookup() - The address family of a name or number
 * @name: unix, inet, inet6, netlink, packet, or a decimal %AF_* number;
 *	need not be NUL-terminated.
 * @len: Its length.
 *
 * Return: The family, or -1 when @name is none of these.
 */
int uringaudit_family_lookup(const char *name, u32 len)
{
	u32 i, n = 0;

	for (i = 0; i < ARRAY_SIZE(families); i++)
		if (strlen(families[i].name) == len &&
		    !memcmp(families[i].name, name, len))
			return families[i].family;
	if (!len || len > 2)
		return -1;
	for (i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		n = n * 10 + (u32)(name[i] - '0');
	}
	return n && n < URINGAUDIT_AF_MAX ? (int)n : -1;
}

/**
 * uringaudit_family_name() - The name of an address family, if it has one
 * @family: An %AF_* number.
 *
 * Return: Its name, or NULL for a family known by number only.
 */
const char *uringaudit_family_name(u32 family)
{
	u32 i;

	for (i = 0; i < ARRAY_SIZE(families); i++)
		if (families[i].family == family)
			return families[i].name;
	return NULL;
}
