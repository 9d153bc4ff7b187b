// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - The object of an io_uring operation
 *
 * An object is known three ways:
 *
 * - its identity, for matching: the device, inode number and generation of
 *   the file and of every directory above it on its file system.  Names
 *   play no part: a chroot, another mount namespace, a bind mount, a
 *   symbolic link or ".." reach the same objects, and a path longer than
 *   PATH_MAX has the same ancestors as a short one;
 * - its name from the root of the initial mount namespace, for records and
 *   for rules whose path did not exist when the policy was loaded;
 * - its name as the task doing the op sees it, for records.
 *
 * Names are resolved outside RCU read sections, in buffers allocated with
 * GFP_KERNEL_ACCOUNT, charged to the task: every hook that reaches here may
 * sleep.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/in.h>
#include <linux/init_task.h>
#include <linux/in6.h>
#include <linux/kdev_t.h>
#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/namei.h>
#include <linux/net.h>
#include <linux/rcupdate.h>
#include <linux/seqlock.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/un.h>
#include <net/af_unix.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include "fault.h"
#include "object.h"

/**
 * uringaudit_object_dentry() - The dentry of an object that has one
 * @obj: The object.
 *
 * Return: The dentry, or NULL for sockets yet to be made and for no
 * object.
 */
struct dentry *uringaudit_object_dentry(const struct uringaudit_object *obj)
{
	switch (obj->type) {
	case URINGAUDIT_OBJ_FILE:
		return obj->file->f_path.dentry;
	case URINGAUDIT_OBJ_PATH:
		return obj->path->dentry;
	case URINGAUDIT_OBJ_ENTRY:
	case URINGAUDIT_OBJ_DENTRY:
		return obj->dentry;
	case URINGAUDIT_OBJ_SOCKET:
		return obj->sock->file ? obj->sock->file->f_path.dentry : NULL;
	default:
		return NULL;
	}
}

/**
 * uringaudit_object_inode() - The inode of an object, if it has one
 * @obj: The object.
 *
 * Return: The inode; NULL for a name not yet created, a socket yet to be
 * made, or no object.
 */
struct inode *uringaudit_object_inode(const struct uringaudit_object *obj)
{
	struct dentry *d = uringaudit_object_dentry(obj);

	return d ? d_backing_inode(d) : NULL;
}

/**
 * uringaudit_object_has_path() - Whether path= rules apply to an object
 * @obj: The object.
 *
 * Return: true for files, paths and names, sockets not included.
 */
bool uringaudit_object_has_path(const struct uringaudit_object *obj)
{
	switch (obj->type) {
	case URINGAUDIT_OBJ_FILE:
		return !uringaudit_object_is_socket(obj);
	case URINGAUDIT_OBJ_PATH:
	case URINGAUDIT_OBJ_ENTRY:
	case URINGAUDIT_OBJ_DENTRY:
		return true;
	default:
		return false;
	}
}

/**
 * uringaudit_object_is_socket() - Whether an object is a socket
 * @obj: The object.
 *
 * Return: true for a socket, or a file that is one.
 */
bool uringaudit_object_is_socket(const struct uringaudit_object *obj)
{
	switch (obj->type) {
	case URINGAUDIT_OBJ_SOCKET:
	case URINGAUDIT_OBJ_FAMILY:
		return true;
	case URINGAUDIT_OBJ_FILE:
		return S_ISSOCK(file_inode(obj->file)->i_mode);
	default:
		return false;
	}
}

/**
 * uringaudit_object_detail() - How much an object says of what an op does
 * @obj: The object, or NULL.
 *
 * Return: 0 for none; 1 for a file, a path or a socket; 2 for a socket with
 * the address the op uses, or a file with the command a uring_cmd sends.
 */
u32 uringaudit_object_detail(const struct uringaudit_object *obj)
{
	if (!obj || obj->type == URINGAUDIT_OBJ_NONE)
		return 0;
	if (obj->has_cmd_op || obj->type == URINGAUDIT_OBJ_SOCKET)
		return 2;
	return 1;
}

/**
 * uringaudit_key_of() - The identity of an inode
 * @inode: The inode.
 * @key: Where to put it.
 */
void uringaudit_key_of(const struct inode *inode, struct uringaudit_key *key)
{
	key->ino = inode->i_ino;
	key->dev = new_encode_dev(inode->i_sb->s_dev);
	key->gen = inode->i_generation;
}

/*
 * Walk from @d to the root of its file system; count the positive dentries
 * into @n, and fill @keys when it has room; name @d.  Returns false when a
 * rename moved something meanwhile.
 */
static bool walk_up(struct dentry *d, struct uringaudit_keys *keys, u32 *n)
{
	unsigned int seq = read_seqbegin(&rename_lock);
	u32 len = min_t(u32, READ_ONCE(d->d_name.len), NAME_MAX);

	memcpy(keys->name, READ_ONCE(d->d_name.name), len);
	keys->name[len] = '\0';
	/* A name still to be created is in the first directory listed. */
	keys->dir = d_really_is_negative(d) ? 0 : 1;
	*n = 0;
	for (;;) {
		struct inode *inode = d_inode_rcu(d);
		struct dentry *parent;

		/* A name still to be created has no identity of its own. */
		if (inode) {
			if (*n < keys->cap)
				uringaudit_key_of(inode, &keys->keys[*n]);
			(*n)++;
		}
		parent = READ_ONCE(d->d_parent);
		if (parent == d)
			break;
		d = parent;
	}
	return !read_seqretry(&rename_lock, seq);
}

/**
 * uringaudit_object_keys() - The identities of an object and its ancestors
 * @obj: The object; it must have a dentry (uringaudit_object_dentry()).
 * @keys: Where to put them; reused across calls, freed with
 *	uringaudit_keys_free().
 *
 * Every directory above the object on its file system is listed, however
 * deep: a rule on a directory covers what lies under it whatever the name
 * it is reached by.  The roots of file systems mounted below a rule's path
 * are the rule's own business (see resolve.c).  The object's own name in
 * its directory is kept too: a rule on a file also names the file that
 * replaced it there.
 *
 * Context: Process context; may sleep.
 * Return: 0, -%ENOENT when @obj has no dentry, or -%ENOMEM.
 */
int uringaudit_object_keys(const struct uringaudit_object *obj,
			   struct uringaudit_keys *keys)
{
	struct dentry *d = uringaudit_object_dentry(obj);
	u32 n;
	bool stable;

	if (!d)
		return -ENOENT;
	if (uringaudit_should_fail())
		return -ENOMEM;
	for (;;) {
		rcu_read_lock();
		stable = walk_up(d, keys, &n);
		rcu_read_unlock();
		if (stable && n <= keys->cap)
			break;
		if (n > keys->cap) {
			u32 cap = max(n + 8, 16U);
			struct uringaudit_key *k;

			k = kvmalloc_array(cap, sizeof(*k), GFP_KERNEL_ACCOUNT);
			if (!k)
				return -ENOMEM;
			kvfree(keys->keys);
			keys->keys = k;
			keys->cap = cap;
		}
	}
	keys->nr = n;
	if (keys->dir >= n)
		keys->dir = U32_MAX;
	return 0;
}

/**
 * uringaudit_keys_free() - Free the identities of uringaudit_object_keys()
 * @keys: They.
 */
void uringaudit_keys_free(struct uringaudit_keys *keys)
{
	kvfree(keys->keys);
	memset(keys, 0, sizeof(*keys));
}

/* A pseudo file (pipe, socket, anonymous inode) names itself. */
static bool self_named(const struct dentry *d)
{
	return d->d_op && d->d_op->d_dname;
}

/*
 * The path from the root of the initial mount namespace.  Through a mount
 * of another namespace, only a file on the root's own file system can be
 * named from there: by its dentries.
 */
static char *initial_name(const struct path *path, char *buf, int size)
{
	struct path root;
	char *p;

	get_fs_root(&init_fs, &root);
	p = __d_path(path, &root, buf, size);
	if (!p && path->dentry->d_sb == root.dentry->d_sb &&
	    root.dentry == root.dentry->d_sb->s_root)
		p = dentry_path_raw(path->dentry, buf, size);
	path_put(&root);
	return p ? p : ERR_PTR(-ENOENT);
}

/**
 * uringaudit_path_name() - The name of a path
 * @path: The path.
 * @initial: From the root of the initial mount namespace; else as the
 *	current task sees it.
 * @err: Why there is no name, when NULL is returned: -%ENOENT (the initial
 *	namespace does not reach @path), -%ENAMETOOLONG (longer than
 *	PATH_MAX), -%ENOMEM.
 *
 * Context: Process context; may sleep.
 * Return: The name, to be freed with kfree(), or NULL.
 */
char *uringaudit_path_name(const struct path *path, bool initial, int *err)
{
	char *buf, *p, *name = NULL;

	if (uringaudit_should_fail()) {
		*err = -ENOMEM;
		return NULL;
	}
	buf = kmalloc(PATH_MAX, GFP_KERNEL_ACCOUNT);
	if (!buf) {
		*err = -ENOMEM;
		return NULL;
	}
	if (!initial || self_named(path->dentry))
		p = d_path(path, buf, PATH_MAX);
	else
		p = initial_name(path, buf, PATH_MAX);
	if (IS_ERR(p)) {
		*err = PTR_ERR(p);
	} else {
		name = kstrdup(p, GFP_KERNEL_ACCOUNT);
		*err = name ? 0 : -ENOMEM;
	}
	kfree(buf);
	return name;
}

/* The name of a dentry on its own file system, for hooks without a mount. */
static char *dentry_name(struct dentry *d, bool initial, int *err)
{
	struct path root;
	char *buf, *p, *name = NULL;
	bool on_root;

	get_fs_root(&init_fs, &root);
	on_root = d->d_sb == root.dentry->d_sb &&
		  root.dentry == root.dentry->d_sb->s_root;
	path_put(&root);
	/* Elsewhere, the name within the file system is no path. */
	if (initial && !on_root) {
		*err = -ENOENT;
		return NULL;
	}
	buf = kmalloc(PATH_MAX, GFP_KERNEL_ACCOUNT);
	if (!buf) {
		*err = -ENOMEM;
		return NULL;
	}
	p = dentry_path_raw(d, buf, PATH_MAX);
	if (IS_ERR(p)) {
		*err = PTR_ERR(p);
	} else {
		name = kstrdup(p, GFP_KERNEL_ACCOUNT);
		*err = name ? 0 : -ENOMEM;
	}
	kfree(buf);
	return name;
}

/**
 * uringaudit_object_name() - The name of an object
 * @obj: The object.
 * @initial: From the root of the initial mount namespace; else as the
 *	current task sees it.
 * @err: Why there is no name, when NULL is returned (see
 *	uringaudit_path_name()); -%ENOENT for an object without a path.
 *
 * Context: Process context; may sleep.
 * Return: The name, to be freed with kfree(), or NULL.
 */
char *uringaudit_object_name(const struct uringaudit_object *obj, bool initial,
			     int *err)
{
	struct path entry;

	switch (obj->type) {
	case URINGAUDIT_OBJ_FILE:
		return uringaudit_path_name(&obj->file->f_path, initial, err);
	case URINGAUDIT_OBJ_PATH:
		return uringaudit_path_name(obj->path, initial, err);
	case URINGAUDIT_OBJ_ENTRY:
		entry.mnt = obj->path->mnt;
		entry.dentry = obj->dentry;
		return uringaudit_path_name(&entry, initial, err);
	case URINGAUDIT_OBJ_DENTRY:
		return dentry_name(obj->dentry, initial, err);
	default:
		*err = -ENOENT;
		return NULL;
	}
}

/* A sockaddr of @len bytes, as the matcher and records take it. */
static bool to_addr(struct sockaddr_storage *ss, int len,
		    struct uringaudit_sockinfo *info)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)ss;
	char *sun_path = (char *)ss + offsetof(struct sockaddr_un, sun_path);
	struct uringaudit_addr *a = &info->addr;
	int n;

	if (len < (int)sizeof(ss->ss_family))
		return false;
	memset(a, 0, sizeof(*a));
	switch (ss->ss_family) {
	case AF_INET:
		if (len < (int)sizeof(*sin))
			return false;
		a->family = URINGAUDIT_AF_INET;
		memcpy(a->ip, &sin->sin_addr, 4);
		info->port = ntohs(sin->sin_port);
		return true;
	case AF_INET6:
		if (len < (int)sizeof(*sin6))
			return false;
		info->port = ntohs(sin6->sin6_port);
		/* An IPv4 peer of an IPv6 socket is an IPv4 address. */
		if (ipv6_addr_v4mapped(&sin6->sin6_addr)) {
			a->family = URINGAUDIT_AF_INET;
			memcpy(a->ip, &sin6->sin6_addr.s6_addr32[3], 4);
			return true;
		}
		a->family = URINGAUDIT_AF_INET6;
		memcpy(a->ip, &sin6->sin6_addr, 16);
		return true;
	case AF_UNIX:
		n = len - (int)offsetof(struct sockaddr_un, sun_path);
		if (n <= 0)
			return false;
		/* All of sun_path counts; @ss has room for a NUL after it. */
		n = min_t(int, n, UNIX_PATH_MAX);
		/* A path ends at its NUL; an abstract name starts with one. */
		if (sun_path[0])
			n = strnlen(sun_path, n);
		else
			sun_path[0] = '@';
		sun_path[n] = '\0';
		a->family = URINGAUDIT_AF_UNIX;
		a->unix_path = sun_path;
		a->unix_len = n;
		return true;
	default:
		return false;
	}
}

/**
 * uringaudit_unix_op() - Whether an op's object is a unix socket
 * @obj: The object.
 *
 * Return: true for a unix socket, or a file that is one.
 */
bool uringaudit_unix_op(const struct uringaudit_object *obj)
{
	struct socket *sock = NULL;

	if (obj->type == URINGAUDIT_OBJ_SOCKET)
		sock = obj->sock;
	else if (obj->type == URINGAUDIT_OBJ_FILE)
		sock = sock_from_file(obj->file);
	return sock && sock->sk && sock->sk->sk_family == AF_UNIX;
}

/* The path socket file at @path: its identity and name. */
static void peer_of_path(const struct path *path,
			 struct uringaudit_unix_peer *peer)
{
	struct inode *inode = d_backing_inode(path->dentry);
	int err;

	peer->path = uringaudit_path_name(path, true, &err);
	if (!peer->path)
		peer->path = uringaudit_path_name(path, false, &err);
	if (!S_ISSOCK(inode->i_mode))
		return;
	uringaudit_key_of(inode, &peer->key);
	peer->has_key = true;
	peer->bound = true;
}

/* The whole abstract name of @n bytes at @name, its NUL first. */
static void peer_of_abstract(const char *name, u32 n,
			     struct uringaudit_unix_peer *peer)
{
	n = min_t(u32, n, UNIX_PATH_MAX);
	peer->abstract[0] = '@';
	memcpy(peer->abstract + 1, name + 1, n - 1);
	peer->abstract[n] = '\0';
	peer->len = n;
	peer->bound = true;
}

/* The address the socket @sk is bound to. */
static void peer_of_sock(struct sock *sk, struct uringaudit_unix_peer *peer)
{
	struct unix_sock *u = unix_sk(sk);
	const struct unix_address *addr;
	struct path path = {};
	char name[UNIX_PATH_MAX];
	u32 n = 0;

	unix_state_lock(sk);
	/* Pairs with the release that publishes a bound address. */
	addr = smp_load_acquire(&u->addr);
	if (addr && u->path.dentry) {
		path = u->path;
		path_get(&path);
	} else if (addr) {
		n = addr->len - offsetof(struct sockaddr_un, sun_path);
		n = min_t(u32, n, UNIX_PATH_MAX);
		memcpy(name, addr->name->sun_path, n);
	}
	unix_state_unlock(sk);
	if (path.dentry) {
		peer_of_path(&path, peer);
		path_put(&path);
	} else if (n) {
		peer_of_abstract(name, n, peer);
	}
}

/* The socket a unix address of @len bytes names, found as connect(2) does. */
static void peer_of_addr(const struct sockaddr *sa, int len,
			 struct uringaudit_unix_peer *peer)
{
	const struct sockaddr_un *sun = (const struct sockaddr_un *)sa;
	char name[UNIX_PATH_MAX + 1];
	struct path path;
	int n;

	n = len - (int)offsetof(struct sockaddr_un, sun_path);
	if (n <= 0)
		return;
	n = min_t(int, n, UNIX_PATH_MAX);
	if (!sun->sun_path[0]) {
		peer_of_abstract(sun->sun_path, n, peer);
		return;
	}
	memcpy(name, sun->sun_path, n);
	name[n] = '\0';
	if (kern_path(name, LOOKUP_FOLLOW, &path))
		return;
	peer_of_path(&path, peer);
	path_put(&path);
}

/**
 * uringaudit_unix_peer_find() - Find the unix socket an op reaches
 * @obj: The op's socket, with the address it uses, if any.
 * @op: The op class: a connect or a send reaches the socket its address
 *	names, or its peer; a receive or a shutdown its peer; a listen or an
 *	accept its own socket.
 * @peer: Where to put it; released with uringaudit_unix_peer_release().
 *
 * Context: Process context, socket not locked; may sleep.
 */
void uringaudit_unix_peer_find(const struct uringaudit_object *obj, u32 op,
			       struct uringaudit_unix_peer *peer)
{
	struct sock *sk = obj->sock->sk, *other;

	memset(peer, 0, offsetof(struct uringaudit_unix_peer, abstract));
	peer->resolved = true;
	if (obj->addr) {
		peer_of_addr(obj->addr, obj->addrlen, peer);
	} else if (op == URINGAUDIT_OP_LISTEN || op == URINGAUDIT_OP_ACCEPT) {
		peer_of_sock(sk, peer);
	} else {
		other = IS_ENABLED(CONFIG_UNIX) ? unix_peer_get(sk) : NULL;
		if (other) {
			peer_of_sock(other, peer);
			sock_put(other);
		}
	}
}

/**
 * uringaudit_unix_peer_release() - Drop what a found unix socket holds
 * @peer: It.
 */
void uringaudit_unix_peer_release(struct uringaudit_unix_peer *peer)
{
	kfree(peer->path);
	peer->path = NULL;
	peer->resolved = false;
}

/**
 * uringaudit_unix_peer_is() - Whether the kernel reached the socket found
 * @peer: The socket uringaudit_unix_peer_find() found.
 * @sk: The socket the kernel found, its state lock held.
 *
 * Two unbound sockets are the same here: no rule can name either.
 *
 * Context: Any; @sk's state lock held.
 * Return: true when @sk is bound to what @peer names.
 */
bool uringaudit_unix_peer_is(const struct uringaudit_unix_peer *peer,
			     const struct sock *sk)
{
	const struct unix_sock *u = unix_sk(sk);
	/* Pairs with the release that publishes a bound address. */
	const struct unix_address *addr = smp_load_acquire(&u->addr);
	struct uringaudit_key key;
	u32 n;

	if (!addr)
		return !peer->bound;
	if (u->path.dentry) {
		uringaudit_key_of(d_backing_inode(u->path.dentry), &key);
		return peer->has_key && key.ino == peer->key.ino &&
		       key.dev == peer->key.dev && key.gen == peer->key.gen;
	}
	n = addr->len - offsetof(struct sockaddr_un, sun_path);
	return !peer->has_key && peer->len == n &&
	       !memcmp(peer->abstract + 1, addr->name->sun_path + 1, n - 1);
}

/**
 * uringaudit_object_sockinfo() - The family and address of a socket op
 * @obj: The object: a socket, a socket file, or a socket's family.
 * @op: The op class: which address counts when the op names none.
 * @info: Where to put them.
 *
 * Context: Process context, socket not locked; may sleep.
 * Return: 0, or -%ENOENT when @obj is no socket.
 */
int uringaudit_object_sockinfo(const struct uringaudit_object *obj, u32 op,
			       struct uringaudit_sockinfo *info)
{
	struct socket *sock = NULL;
	int len = 0;

	memset(info, 0, offsetof(struct uringaudit_sockinfo, storage));
	if (obj->type == URINGAUDIT_OBJ_FAMILY) {
		info->family = obj->family;
		return 0;
	}
	if (obj->type == URINGAUDIT_OBJ_SOCKET)
		sock = obj->sock;
	else if (obj->type == URINGAUDIT_OBJ_FILE)
		sock = sock_from_file(obj->file);
	if (!sock)
		return -ENOENT;
	if (sock->sk)
		info->family = sock->sk->sk_family;
	if (obj->peer && obj->peer->resolved) {
		const struct uringaudit_unix_peer *peer = obj->peer;
		struct uringaudit_addr *a = &info->addr;

		memset(a, 0, sizeof(*a));
		a->family = URINGAUDIT_AF_UNIX;
		if (peer->len) {
			a->unix_path = peer->abstract;
			a->unix_len = peer->len;
		} else if (peer->path) {
			a->unix_path = peer->path;
			a->unix_len = strlen(peer->path);
		}
		a->key = peer->key;
		a->has_key = peer->has_key;
		info->has_addr = a->unix_path || a->has_key;
		return 0;
	}
	if (obj->type == URINGAUDIT_OBJ_SOCKET && obj->addr) {
		len = min_t(int, obj->addrlen, sizeof(info->storage));
		memcpy(&info->storage, obj->addr, len);
	} else if (op == URINGAUDIT_OP_LISTEN || op == URINGAUDIT_OP_ACCEPT) {
		len = kernel_getsockname(sock,
					 (struct sockaddr *)&info->storage);
	} else if (op != URINGAUDIT_OP_SOCKET && op != URINGAUDIT_OP_BIND &&
		   op != URINGAUDIT_OP_CONNECT) {
		/*
		 * The peer's; a bind or a connect has no address but the
		 * one it names, which a later hook of the op shows.
		 */
		len = kernel_getpeername(sock,
					 (struct sockaddr *)&info->storage);
	}
	if (len > 0)
		info->has_addr = to_addr(&info->storage, len, info);
	return 0;
}
