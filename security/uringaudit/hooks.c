// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - The LSM hooks io_uring operations reach
 *
 * 6.12 has no per-op hook for io_uring: each op reaches LSMs only through
 * the file and socket hooks of the kernel functions it calls (see the op
 * table in docs/admin-guide.rst).  Each hook here names the op class it
 * stands for, wraps its object and asks uringaudit_decide(), which returns
 * at once for anything that is not io_uring work.
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

#include "eval.h"
#include "hooks.h"
#include "setup.h"

#define FILE_OBJ(f)                                                \
	(&(struct uringaudit_object){ .type = URINGAUDIT_OBJ_FILE, \
				      .file = (f) })
#define ENTRY_OBJ(dir, d)             \
	(&(struct uringaudit_object){ \
		.type = URINGAUDIT_OBJ_ENTRY, .path = (dir), .dentry = (d) })
#define SOCK_OBJ(s, a, l)                                            \
	(&(struct uringaudit_object){ .type = URINGAUDIT_OBJ_SOCKET, \
				      .sock = (s),                   \
				      .addr = (a),                   \
				      .addrlen = (l) })

static const struct uringaudit_object no_object = {};

static int hook_file_open(struct file *file)
{
	return uringaudit_decide(URINGAUDIT_OP_OPEN, FILE_OBJ(file));
}

static int hook_file_permission(struct file *file, int mask)
{
	if (mask & MAY_WRITE)
		return uringaudit_decide(URINGAUDIT_OP_WRITE, FILE_OBJ(file));
	if (mask & MAY_READ)
		return uringaudit_decide(URINGAUDIT_OP_READ, FILE_OBJ(file));
	return 0;
}

static int hook_file_truncate(struct file *file)
{
	return uringaudit_decide(URINGAUDIT_OP_TRUNCATE, FILE_OBJ(file));
}

static int hook_file_receive(struct file *file)
{
	return uringaudit_decide(URINGAUDIT_OP_FD_INSTALL, FILE_OBJ(file));
}

static int hook_inode_getattr(const struct path *path)
{
	return uringaudit_decide(URINGAUDIT_OP_STATX,
				 &(struct uringaudit_object){
					 .type = URINGAUDIT_OBJ_PATH,
					 .path = path,
				 });
}

static int hook_inode_getxattr(struct dentry *dentry, const char *name)
{
	return uringaudit_decide(URINGAUDIT_OP_GETXATTR,
				 &(struct uringaudit_object){
					 .type = URINGAUDIT_OBJ_DENTRY,
					 .dentry = dentry,
				 });
}

static int hook_inode_setxattr(struct mnt_idmap *idmap, struct dentry *dentry,
			       const char *name, const void *value, size_t size,
			       int flags)
{
	return uringaudit_decide(URINGAUDIT_OP_SETXATTR,
				 &(struct uringaudit_object){
					 .type = URINGAUDIT_OBJ_DENTRY,
					 .dentry = dentry,
				 });
}

static int hook_path_unlink(const struct path *dir, struct dentry *dentry)
{
	return uringaudit_decide(URINGAUDIT_OP_UNLINK, ENTRY_OBJ(dir, dentry));
}

static int hook_path_rmdir(const struct path *dir, struct dentry *dentry)
{
	return uringaudit_decide(URINGAUDIT_OP_RMDIR, ENTRY_OBJ(dir, dentry));
}

static int hook_path_mkdir(const struct path *dir, struct dentry *dentry,
			   umode_t mode)
{
	return uringaudit_decide(URINGAUDIT_OP_MKDIR, ENTRY_OBJ(dir, dentry));
}

static int hook_path_symlink(const struct path *dir, struct dentry *dentry,
			     const char *old_name)
{
	return uringaudit_decide(URINGAUDIT_OP_SYMLINK, ENTRY_OBJ(dir, dentry));
}

static int hook_path_link(struct dentry *old_dentry, const struct path *new_dir,
			  struct dentry *new_dentry)
{
	return uringaudit_decide(URINGAUDIT_OP_LINK,
				 ENTRY_OBJ(new_dir, new_dentry));
}

static int hook_path_rename(const struct path *old_dir,
			    struct dentry *old_dentry,
			    const struct path *new_dir,
			    struct dentry *new_dentry, unsigned int flags)
{
	return uringaudit_decide(URINGAUDIT_OP_RENAME,
				 ENTRY_OBJ(old_dir, old_dentry));
}

static int hook_socket_create(int family, int type, int protocol, int kern)
{
	if (kern)
		return 0;
	return uringaudit_decide(URINGAUDIT_OP_SOCKET,
				 &(struct uringaudit_object){
					 .type = URINGAUDIT_OBJ_FAMILY,
					 .family = family,
				 });
}

static int hook_socket_connect(struct socket *sock, struct sockaddr *address,
			       int addrlen)
{
	return uringaudit_decide(URINGAUDIT_OP_CONNECT,
				 SOCK_OBJ(sock, address, addrlen));
}

static int hook_socket_bind(struct socket *sock, struct sockaddr *address,
			    int addrlen)
{
	return uringaudit_decide(URINGAUDIT_OP_BIND,
				 SOCK_OBJ(sock, address, addrlen));
}

static int hook_socket_listen(struct socket *sock, int backlog)
{
	return uringaudit_decide(URINGAUDIT_OP_LISTEN, SOCK_OBJ(sock, NULL, 0));
}

static int hook_socket_accept(struct socket *sock, struct socket *newsock)
{
	return uringaudit_decide(URINGAUDIT_OP_ACCEPT, SOCK_OBJ(sock, NULL, 0));
}

static int hook_socket_sendmsg(struct socket *sock, struct msghdr *msg,
			       int size)
{
	return uringaudit_decide(URINGAUDIT_OP_SEND,
				 SOCK_OBJ(sock, msg->msg_name,
					  msg->msg_namelen));
}

static int hook_socket_recvmsg(struct socket *sock, struct msghdr *msg,
			       int size, int flags)
{
	return uringaudit_decide(URINGAUDIT_OP_RECV, SOCK_OBJ(sock, NULL, 0));
}

static int hook_socket_shutdown(struct socket *sock, int how)
{
	return uringaudit_decide(URINGAUDIT_OP_SHUTDOWN,
				 SOCK_OBJ(sock, NULL, 0));
}

static int hook_uring_cmd(struct io_uring_cmd *ioucmd)
{
	return uringaudit_decide(URINGAUDIT_OP_URING_CMD,
				 &(struct uringaudit_object){
					 .type = URINGAUDIT_OBJ_FILE,
					 .file = ioucmd->file,
					 .has_cmd_op = true,
					 .cmd_op = ioucmd->cmd_op,
				 });
}

/* Events happen in the task that sets up or submits to a ring. */
static enum uringaudit_ctx event_ctx(void)
{
	const enum uringaudit_ctx ctx = uringaudit_current_ctx();

	return ctx == URINGAUDIT_CTX_NONE ? URINGAUDIT_CTX_INLINE : ctx;
}

static int hook_inode_init_security_anon(struct inode *inode,
					 const struct qstr *name,
					 const struct inode *context_inode)
{
	/* io_uring_setup(2) makes its ring file with this name. */
	if (!name || strcmp(name->name, "[io_uring]"))
		return 0;
	return uringaudit_decide_ctx(URINGAUDIT_OP_SETUP, event_ctx(),
				     &no_object, NULL);
}

static int hook_uring_sqpoll(void)
{
	return uringaudit_decide_ctx(URINGAUDIT_OP_SQPOLL, event_ctx(),
				     &no_object, NULL);
}

static int hook_uring_override_creds(const struct cred *new)
{
	return uringaudit_decide_ctx(URINGAUDIT_OP_OVERRIDE_CREDS, event_ctx(),
				     &no_object, new);
}

static struct security_hook_list uringaudit_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(file_open, hook_file_open),
	LSM_HOOK_INIT(file_permission, hook_file_permission),
	LSM_HOOK_INIT(file_truncate, hook_file_truncate),
	LSM_HOOK_INIT(file_receive, hook_file_receive),
	LSM_HOOK_INIT(inode_getattr, hook_inode_getattr),
	LSM_HOOK_INIT(inode_getxattr, hook_inode_getxattr),
	LSM_HOOK_INIT(inode_setxattr, hook_inode_setxattr),
	LSM_HOOK_INIT(path_unlink, hook_path_unlink),
	LSM_HOOK_INIT(path_rmdir, hook_path_rmdir),
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
	LSM_HOOK_INIT(socket_shutdown, hook_socket_shutdown),
	LSM_HOOK_INIT(uring_cmd, hook_uring_cmd),
	LSM_HOOK_INIT(inode_init_security_anon, hook_inode_init_security_anon),
	LSM_HOOK_INIT(uring_sqpoll, hook_uring_sqpoll),
	LSM_HOOK_INIT(uring_override_creds, hook_uring_override_creds),
};

/**
 * uringaudit_add_op_hooks() - Register the hooks of io_uring operations
 */
__init void uringaudit_add_op_hooks(void)
{
	security_add_hooks(uringaudit_hooks, ARRAY_SIZE(uringaudit_hooks),
			   &uringaudit_lsmid);
}
