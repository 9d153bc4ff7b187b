/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - The object of an io_uring operation
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_OBJECT_H
#define _SECURITY_URINGAUDIT_OBJECT_H

#include <linux/fs.h>
#include <linux/net.h>
#include <linux/path.h>
#include <linux/socket.h>
#include <linux/types.h>
#include <linux/un.h>

#include "policy.h"

/**
 * enum uringaudit_object_type - What an op acts on
 *
 * @URINGAUDIT_OBJ_NONE: Nothing, or nothing a hook showed.
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
 * struct uringaudit_unix_peer - The unix socket an op reaches
 *
 * What an op on a unix socket reaches is a socket, found as the kernel
 * finds it: by the socket file its path leads to (through the task's
 * working directory, symbolic links, "." and ".."), or by its whole
 * abstract name; or the peer a connected socket has.  The file and socket
 * hooks look for it before the kernel does, the unix hooks check that the
 * kernel reached the same one.
 *
 * @resolved: Whether it was looked for.
 * @bound: Whether a bound socket (or, for a path, a socket file) was found.
 * @has_key: Whether @key is set: a socket bound to a path.
 * @key: The identity of that socket file.
 * @path: Its path from the initial root (or as the task sees it, outside
 *	the initial namespace's reach), or NULL; kmalloc()ed.
 * @len: Length of @abstract, 0 for none.
 * @abstract: An abstract name: '@', then its bytes after the leading NUL.
 */
struct uringaudit_unix_peer {
	bool resolved;
	bool bound;
	bool has_key;
	struct uringaudit_key key;
	char *path;
	u32 len;
	char abstract[UNIX_PATH_MAX + 1];
};

/**
 * struct uringaudit_object - The object of an op, as its hook gives it
 *
 * Only pointers: a hook builds it for free, and identities, names and
 * addresses are looked up only when the policy or a record needs them.
 *
 * @type: Which of the fields below are set.
 * @file: The file (%URINGAUDIT_OBJ_FILE).
 * @path: The path, or the directory (%URINGAUDIT_OBJ_PATH, _ENTRY).
 * @dentry: The entry (%URINGAUDIT_OBJ_ENTRY, _DENTRY).
 * @sock: The socket (%URINGAUDIT_OBJ_SOCKET).
 * @addr: The address the op names (connect, bind, send), or NULL.
 * @addrlen: Length of @addr.
 * @family: The address family (%URINGAUDIT_OBJ_FAMILY).
 * @has_cmd_op: Whether @cmd_op is set.
 * @cmd_op: The command of a uring_cmd.
 * @peer: For a unix socket, the socket the op reaches, or NULL.
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
	const struct uringaudit_unix_peer *peer;
};

/**
 * struct uringaudit_keys - The identities of an object and its ancestors
 * @keys: The object first, then each directory above it.
 * @nr: Number of @keys.
 * @cap: Room in @keys.
 * @dir: The entry of @keys that is the object's directory, or %U32_MAX.
 * @name: The object's name in that directory.
 */
struct uringaudit_keys {
	struct uringaudit_key *keys;
	u32 nr;
	u32 cap;
	u32 dir;
	char name[NAME_MAX + 1];
};

/**
 * struct uringaudit_sockinfo - What a socket op shows of its socket
 * @family: The address family, or 0.
 * @addr: The address: the one the op names, else the peer's (sends,
 *	receives, shutdowns) or the socket's own (listen, accept).
 * @port: The port of @addr (inet and inet6).
 * @has_addr: Whether @addr is set.
 * @storage: Room for @addr's bytes and unix name.
 */
struct uringaudit_sockinfo {
	u32 family;
	struct uringaudit_addr addr;
	u32 port;
	bool has_addr;
	struct sockaddr_storage storage;
};

bool uringaudit_object_has_path(const struct uringaudit_object *obj);
struct dentry *uringaudit_object_dentry(const struct uringaudit_object *obj);
struct inode *uringaudit_object_inode(const struct uringaudit_object *obj);
int uringaudit_object_keys(const struct uringaudit_object *obj,
			   struct uringaudit_keys *keys);
void uringaudit_keys_free(struct uringaudit_keys *keys);
void uringaudit_key_of(const struct inode *inode, struct uringaudit_key *key);
char *uringaudit_object_name(const struct uringaudit_object *obj, bool initial,
			     int *err);
char *uringaudit_path_name(const struct path *path, bool initial, int *err);
int uringaudit_object_sockinfo(const struct uringaudit_object *obj, u32 op,
			       struct uringaudit_sockinfo *info);
bool uringaudit_object_is_socket(const struct uringaudit_object *obj);
u32 uringaudit_object_detail(const struct uringaudit_object *obj);
bool uringaudit_unix_op(const struct uringaudit_object *obj);
void uringaudit_unix_peer_find(const struct uringaudit_object *obj, u32 op,
			       struct uringaudit_unix_peer *peer);
void uringaudit_unix_peer_release(struct uringaudit_unix_peer *peer);
bool uringaudit_unix_peer_is(const struct uringaudit_unix_peer *peer,
			     const struct sock *sk);

#endif /* _SECURITY_URINGAUDIT_OBJECT_H */
