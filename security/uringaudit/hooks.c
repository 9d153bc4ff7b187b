// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - The file, socket and ring hooks io_uring operations reach
 *
 * Each hook names the op class of what it sees, wraps its object and asks
 * uringaudit_hook_decide(): in precise mode, only inside an issue of an
 * io_uring request (issue.c), elsewhere only for io_uring work the task's
 * state shows (context.h).  Any other task returns before its object is
 * described.  A read or write of a socket is a recv or a send; a send
 * that connects is also a connect; a rename or a link touches two names,
 * both decided; a name is decided before it is made.  A unix socket op is
 * decided on the socket it reaches, found as the kernel finds it, and the
 * unix hooks check that the kernel reached that one.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/io_uring/cmd.h>
#include <linux/lsm_hooks.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/string.h>

#include "context.h"
#include "hooks.h"
#include "issue.h"
#include "object.h"
#include "setup.h"

#define FILE_OBJ(f)                                                \
	(&(struct uringaudit_object){ .type = URINGAUDIT_OBJ_FILE, \
				      .file = (f) })
#define ENTRY_OBJ(dir, d)             \
	(&(struct uringaudit_object){ \
		.type = URINGAUDIT_OBJ_ENTRY, .path = (dir), .dentry = (d) })
#define PATH_OBJ(p)                                                \
	(&(struct uringaudit_object){ .type = URINGAUDIT_OBJ_PATH, \
				      .path = (p) })
#define FAMILY_OBJ(f)                                                \
	(&(struct uringaudit_object){ .type = URINGAUDIT_OBJ_FAMILY, \
				      .family = (f) })
#define CMD_OBJ(f, op)                                             \
	(&(struct uringaudit_object){ .type = URINGAUDIT_OBJ_FILE, \
				      .file = (f),                 \
				      .has_cmd_op = true,          \
				      .cmd_op = (op) })
#define DENTRY_OBJ(d)                                                \
	(&(struct uringaudit_object){ .type = URINGAUDIT_OBJ_DENTRY, \
				      .dentry = (d) })
#define SOCK_OBJ(s, a, l)                                            \
	(&(struct uringaudit_object){ .type = URINGAUDIT_OBJ_SOCKET, \
				      .sock = (s),                   \
				      .addr = (a),                   \
				      .addrlen = (l) })

/*
 * Decide @op on @obj, when the task does io_uring work: the object is
 * described only then (uringaudit_hook_active()).
 */
#define DECIDE(op, obj)                          \
	(likely(!uringaudit_hook_active()) ? 0 : \
					     uringaudit_hook_decide(op, obj))

static int hook_file_open(struct file *file)
{
	return DECIDE(URINGAUDIT_OP_OPEN, FILE_OBJ(file));
}

static int hook_file_permission(struct file *file, int mask)
{
	bool sock;

	if (likely(!uringaudit_hook_active()))
		return 0;
	sock = S_ISSOCK(file_inode(file)->i_mode);
	if (mask & MAY_WRITE)
		return DECIDE(sock ? URINGAUDIT_OP_SEND : URINGAUDIT_OP_WRITE,
			      FILE_OBJ(file));
	if (mask & MAY_READ)
		return DECIDE(sock ? URINGAUDIT_OP_RECV : URINGAUDIT_OP_READ,
			      FILE_OBJ(file));
	return 0;
}

static int hook_file_truncate(struct file *file)
{
	return DECIDE(URINGAUDIT_OP_TRUNCATE, FILE_OBJ(file));
}

static int hook_file_receive(struct file *file)
{
	/* The file a MSG_RING passes is that op's object. */
	return DECIDE(uringaudit_issue_opcode() == IORING_OP_MSG_RING ?
			      URINGAUDIT_OP_MSG_RING :
			      URINGAUDIT_OP_FD_INSTALL,
		      FILE_OBJ(file));
}

static int hook_inode_getattr(const struct path *path)
{
	return DECIDE(URINGAUDIT_OP_STATX, PATH_OBJ(path));
}

static int hook_inode_getxattr(struct dentry *dentry, const char *name)
{
	return DECIDE(URINGAUDIT_OP_GETXATTR, DENTRY_OBJ(dentry));
}

static int hook_inode_setxattr(struct mnt_idmap *idmap, struct dentry *dentry,
			       const char *name, const void *value, size_t size,
			       int flags)
{
	return DECIDE(URINGAUDIT_OP_SETXATTR, DENTRY_OBJ(dentry));
}

/* POSIX ACLs are extended attributes that reach hooks of their own. */
static int hook_inode_get_acl(struct mnt_idmap *idmap, struct dentry *dentry,
			      const char *acl_name)
{
	return DECIDE(URINGAUDIT_OP_GETXATTR, DENTRY_OBJ(dentry));
}

static int hook_inode_set_acl(struct mnt_idmap *idmap, struct dentry *dentry,
			      const char *acl_name, struct posix_acl *kacl)
{
	return DECIDE(URINGAUDIT_OP_SETXATTR, DENTRY_OBJ(dentry));
}

static int hook_path_unlink(const struct path *dir, struct dentry *dentry)
{
	return DECIDE(URINGAUDIT_OP_UNLINK, ENTRY_OBJ(dir, dentry));
}

static int hook_path_rmdir(const struct path *dir, struct dentry *dentry)
{
	return DECIDE(URINGAUDIT_OP_RMDIR, ENTRY_OBJ(dir, dentry));
}

/*
 * A name made for a file (an open with O_CREAT, a unix socket's bind), as
 * the name of a directory or a link is: decided before it exists, so that a
 * refusal leaves nothing behind.  It is the issue's op: a bind, or else an
 * open.
 */
static int hook_path_mknod(const struct path *dir, struct dentry *dentry,
			   umode_t mode, unsigned int dev)
{
	const u32 opcode = uringaudit_issue_opcode();
	u32 op = URINGAUDIT_OP_OPEN;

	if (opcode < URINGAUDIT_NR_OPCODES &&
	    uringaudit_opcodes[opcode].op == URINGAUDIT_OP_BIND)
		op = URINGAUDIT_OP_BIND;
	return DECIDE(op, ENTRY_OBJ(dir, dentry));
}

static int hook_path_mkdir(const struct path *dir, struct dentry *dentry,
			   umode_t mode)
{
	return DECIDE(URINGAUDIT_OP_MKDIR, ENTRY_OBJ(dir, dentry));
}

static int hook_path_symlink(const struct path *dir, struct dentry *dentry,
			     const char *old_name)
{
	return DECIDE(URINGAUDIT_OP_SYMLINK, ENTRY_OBJ(dir, dentry));
}

/* A hard link names a new name, and the file it links to (same mount). */
static int hook_path_link(struct dentry *old_dentry, const struct path *new_dir,
			  struct dentry *new_dentry)
{
	const struct path old = { .mnt = new_dir->mnt, .dentry = old_dentry };
	int err;

	err = DECIDE(URINGAUDIT_OP_LINK, ENTRY_OBJ(new_dir, new_dentry));
	if (err)
		return err;
	return DECIDE(URINGAUDIT_OP_LINK, PATH_OBJ(&old));
}

static int hook_path_rename(const struct path *old_dir,
			    struct dentry *old_dentry,
			    const struct path *new_dir,
			    struct dentry *new_dentry, unsigned int flags)
{
	int err;

	err = DECIDE(URINGAUDIT_OP_RENAME, ENTRY_OBJ(old_dir, old_dentry));
	if (err)
		return err;
	return DECIDE(URINGAUDIT_OP_RENAME, ENTRY_OBJ(new_dir, new_dentry));
}

static int hook_socket_create(int family, int type, int protocol, int kern)
{
	if (kern)
		return 0;
	return DECIDE(URINGAUDIT_OP_SOCKET, FAMILY_OBJ(family));
}

static int hook_socket_connect(struct socket *sock, struct sockaddr *address,
			       int addrlen)
{
	return DECIDE(URINGAUDIT_OP_CONNECT, SOCK_OBJ(sock, address, addrlen));
}

static int hook_socket_bind(struct socket *sock, struct sockaddr *address,
			    int addrlen)
{
	return DECIDE(URINGAUDIT_OP_BIND, SOCK_OBJ(sock, address, addrlen));
}

static int hook_socket_listen(struct socket *sock, int backlog)
{
	return DECIDE(URINGAUDIT_OP_LISTEN, SOCK_OBJ(sock, NULL, 0));
}

static int hook_socket_accept(struct socket *sock, struct socket *newsock)
{
	return DECIDE(URINGAUDIT_OP_ACCEPT, SOCK_OBJ(sock, NULL, 0));
}

/*
 * A send to an address on a stream socket that is not connected, or with
 * TCP Fast Open, connects it first: that is a connect too.
 */
static bool send_connects(const struct socket *sock, const struct msghdr *msg)
{
	if (msg->msg_flags & MSG_FASTOPEN)
		return true;
	return msg->msg_name && sock->state == SS_UNCONNECTED &&
	       (sock->type == SOCK_STREAM || sock->type == SOCK_SEQPACKET);
}

/*
 * The address a send goes to: the one it names where the kernel uses it
 * (a datagram socket, or a stream socket it connects), else the peer's.  A
 * connected stream or seqpacket socket sends to its peer whatever address
 * the message names.
 */
static const void *send_addr(const struct socket *sock,
			     const struct msghdr *msg)
{
	if (!msg->msg_name)
		return NULL;
	if (sock->type != SOCK_STREAM && sock->type != SOCK_SEQPACKET)
		return msg->msg_name;
	return sock->state == SS_UNCONNECTED ? msg->msg_name : NULL;
}

static int hook_socket_sendmsg(struct socket *sock, struct msghdr *msg,
			       int size)
{
	const void *addr;
	int ret;

	if (likely(!uringaudit_hook_active()))
		return 0;
	addr = send_addr(sock, msg);
	ret = uringaudit_hook_decide(URINGAUDIT_OP_SEND,
				     SOCK_OBJ(sock, addr,
					      addr ? msg->msg_namelen : 0));
	if (ret || !send_connects(sock, msg))
		return ret;
	return uringaudit_hook_decide(URINGAUDIT_OP_CONNECT,
				      SOCK_OBJ(sock, msg->msg_name,
					       msg->msg_namelen));
}

/* The unix socket a connect or a send reached: the one decided on. */
static int hook_unix_stream_connect(struct sock *sock, struct sock *other,
				    struct sock *newsk)
{
	if (likely(!uringaudit_hook_active()))
		return 0;
	return uringaudit_hook_unix_reach(other);
}

static int hook_unix_may_send(struct socket *sock, struct socket *other)
{
	if (likely(!uringaudit_hook_active()))
		return 0;
	return uringaudit_hook_unix_reach(other->sk);
}

static int hook_socket_recvmsg(struct socket *sock, struct msghdr *msg,
			       int size, int flags)
{
	return DECIDE(URINGAUDIT_OP_RECV, SOCK_OBJ(sock, NULL, 0));
}

static int hook_socket_shutdown(struct socket *sock, int how)
{
	return DECIDE(URINGAUDIT_OP_SHUTDOWN, SOCK_OBJ(sock, NULL, 0));
}

static int hook_uring_cmd(struct io_uring_cmd *ioucmd)
{
	return DECIDE(URINGAUDIT_OP_URING_CMD,
		      CMD_OBJ(ioucmd->file, ioucmd->cmd_op));
}

/* Events happen in the task that sets up or submits to a ring. */
static u32 event_ctx(void)
{
	const u32 ctx = uringaudit_thread_ctx();

	return ctx == URINGAUDIT_CTX_NONE ? URINGAUDIT_CTX_INLINE : ctx;
}

static int hook_inode_init_security_anon(struct inode *inode,
					 const struct qstr *name,
					 const struct inode *context_inode)
{
	/* io_uring_setup(2) makes its ring file with this name. */
	if (!name || strcmp(name->name, "[io_uring]"))
		return 0;
	return uringaudit_event_decide(URINGAUDIT_OP_SETUP, event_ctx(), NULL);
}

static int hook_uring_sqpoll(void)
{
	return uringaudit_event_decide(URINGAUDIT_OP_SQPOLL, event_ctx(), NULL);
}

static int hook_uring_override_creds(const struct cred *new)
{
	return uringaudit_event_decide(URINGAUDIT_OP_OVERRIDE_CREDS,
				       event_ctx(), new);
}

static struct security_hook_list uringaudit_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(file_open, hook_file_open),
	LSM_HOOK_INIT(file_permission, hook_file_permission),
	LSM_HOOK_INIT(file_truncate, hook_file_truncate),
	LSM_HOOK_INIT(file_receive, hook_file_receive),
	LSM_HOOK_INIT(inode_getattr, hook_inode_getattr),
	LSM_HOOK_INIT(inode_getxattr, hook_inode_getxattr),
	LSM_HOOK_INIT(inode_setxattr, hook_inode_setxattr),
	LSM_HOOK_INIT(inode_get_acl, hook_inode_get_acl),
	LSM_HOOK_INIT(inode_set_acl, hook_inode_set_acl),
	LSM_HOOK_INIT(path_unlink, hook_path_unlink),
	LSM_HOOK_INIT(path_rmdir, hook_path_rmdir),
	LSM_HOOK_INIT(path_mknod, hook_path_mknod),
	LSM_HOOK_INIT(path_mkdir, hook_path_mkdir),
	LSM_HOOK_INIT(path_symlink, hook_path_symlink),
	LSM_HOOK_INIT(path_link, hook_path_link),
	LSM_HOOK_INIT(path_rename, hook_path_rename),
	LSM_HOOK_INIT(socket_create, hook_socket_create),
	LSM_HOOK_INIT(socket_connect, hook_socket_connect),
	LSM_HOOK_INIT(socket_bind, hook_socket_bind),
	LSM_HOOK_INIT(socket_listen, hook_socket_listen),
	LSM_HOOK_INIT(socket_accept, hook_socket_accept),
	LSM_HOOK_INIT(socket_sendmsg, hook_socket_sendmsg),
	LSM_HOOK_INIT(socket_recvmsg, hook_socket_recvmsg),
	LSM_HOOK_INIT(unix_stream_connect, hook_unix_stream_connect),
	LSM_HOOK_INIT(unix_may_send, hook_unix_may_send),
	LSM_HOOK_INIT(socket_shutdown, hook_socket_shutdown),
	LSM_HOOK_INIT(uring_cmd, hook_uring_cmd),
	LSM_HOOK_INIT(inode_init_security_anon, hook_inode_init_security_anon),
	LSM_HOOK_INIT(uring_sqpoll, hook_uring_sqpoll),
	LSM_HOOK_INIT(uring_override_creds, hook_uring_override_creds),
};

/**
 * uringaudit_add_op_hooks() - Register the hooks of io_uring operations
 */
void __init uringaudit_add_op_hooks(void)
{
	security_add_hooks(uringaudit_hooks, ARRAY_SIZE(uringaudit_hooks),
			   &uringaudit_lsmid);
}
