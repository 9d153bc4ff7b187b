/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - A small FUSE file system with passthrough, for the tests of
 * stacked files: it shows the regular files of one directory, each opened
 * with FOPEN_PASSTHROUGH onto the file of the same name there, so that
 * their reads and writes go to those backing files without reaching this
 * server.  It speaks the kernel's protocol on /dev/fuse itself (Debian 12's
 * libfuse predates passthrough).  Registering a backing file needs
 * CAP_SYS_ADMIN: run it as root.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _URINGAUDIT_TESTS_FUSE_SERVER_H
#define _URINGAUDIT_TESTS_FUSE_SERVER_H

#include <errno.h>
#include <fcntl.h>
#include <linux/fuse.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define FUSE_ROOT 1
/* Files are node 2 and up: the backing directory's entries by inode. */
#define FUSE_BUF (FUSE_MIN_READ_BUFFER + 65536)

struct fuse_server {
	int dev;
	pid_t pid;
	char backing[256];
	char mnt[256];
};

static inline void fuse_attr_of(const struct stat *st, __u64 node,
				struct fuse_attr *a)
{
	memset(a, 0, sizeof(*a));
	a->ino = node;
	a->size = st->st_size;
	a->blocks = st->st_blocks;
	a->mode = st->st_mode;
	a->nlink = st->st_nlink;
	a->uid = st->st_uid;
	a->gid = st->st_gid;
	a->blksize = 4096;
}

static inline void fuse_reply(int dev, __u64 unique, int error, const void *arg,
			      size_t len)
{
	struct fuse_out_header out = { .len = sizeof(out) + (error ? 0 : len),
				       .error = error,
				       .unique = unique };
	struct iovec iov[2] = { { &out, sizeof(out) },
				{ (void *)arg, error ? 0 : len } };

	if (writev(dev, iov, 2) < 0 && errno != ENOENT)
		_exit(3);
}

/* The names looked up, by node: a node is looked up before it is used. */
#define FUSE_NODES 16
static struct {
	__u64 node;
	char name[256];
} fuse_nodes[FUSE_NODES];

static inline void fuse_node_add(__u64 node, const char *name)
{
	int i;

	for (i = 0; i < FUSE_NODES; i++)
		if (!fuse_nodes[i].node || fuse_nodes[i].node == node)
			break;
	if (i == FUSE_NODES)
		return;
	fuse_nodes[i].node = node;
	snprintf(fuse_nodes[i].name, sizeof(fuse_nodes[i].name), "%.200s",
		 name);
}

/* Node @node's file in the backing directory. */
static inline int fuse_node_name(const struct fuse_server *fs, __u64 node,
				 char *path, size_t size)
{
	int i;

	for (i = 0; i < FUSE_NODES; i++)
		if (fuse_nodes[i].node == node) {
			snprintf(path, size, "%.250s/%.200s", fs->backing,
				 fuse_nodes[i].name);
			return 0;
		}
	return -1;
}

static inline void fuse_serve(struct fuse_server *fs)
{
	static char buf[FUSE_BUF];
	char path[512];
	struct stat st;

	for (;;) {
		struct fuse_in_header *in = (void *)buf;
		void *arg = buf + sizeof(*in);
		ssize_t n = read(fs->dev, buf, sizeof(buf));

		if (n < 0 && (errno == EINTR || errno == ENOENT))
			continue;
		if (n < (ssize_t)sizeof(*in))
			_exit(0);
		switch (in->opcode) {
		case FUSE_INIT: {
			struct fuse_init_out out = {
				.major = FUSE_KERNEL_VERSION,
				.minor = FUSE_KERNEL_MINOR_VERSION,
				.max_readahead = 65536,
				.flags = FUSE_INIT_EXT | FUSE_MAX_PAGES,
				.flags2 = (__u32)(FUSE_PASSTHROUGH >> 32),
				.max_write = 65536,
				.max_pages = 16,
				.max_stack_depth = 1,
			};

			fuse_reply(fs->dev, in->unique, 0, &out, sizeof(out));
			break;
		}
		case FUSE_LOOKUP: {
			struct fuse_entry_out out = {};

			snprintf(path, sizeof(path), "%.250s/%.200s",
				 fs->backing, (const char *)arg);
			if (stat(path, &st) || !S_ISREG(st.st_mode)) {
				fuse_reply(fs->dev, in->unique, -ENOENT, NULL,
					   0);
				break;
			}
			fuse_node_add(st.st_ino, (const char *)arg);
			out.nodeid = st.st_ino;
			out.generation = 1;
			fuse_attr_of(&st, st.st_ino, &out.attr);
			fuse_reply(fs->dev, in->unique, 0, &out, sizeof(out));
			break;
		}
		case FUSE_GETATTR: {
			struct fuse_attr_out out = {};

			if (in->nodeid == FUSE_ROOT)
				stat(fs->backing, &st);
			else if (fuse_node_name(fs, in->nodeid, path,
						sizeof(path)) ||
				 stat(path, &st)) {
				fuse_reply(fs->dev, in->unique, -ENOENT, NULL,
					   0);
				break;
			}
			fuse_attr_of(&st, in->nodeid, &out.attr);
			fuse_reply(fs->dev, in->unique, 0, &out, sizeof(out));
			break;
		}
		case FUSE_OPEN: {
			const struct fuse_open_in *oi = arg;
			struct fuse_open_out out = {};
			struct fuse_backing_map map = {};
			int fd, id;

			if (fuse_node_name(fs, in->nodeid, path,
					   sizeof(path))) {
				fuse_reply(fs->dev, in->unique, -ENOENT, NULL,
					   0);
				break;
			}
			fd = open(path, oi->flags & O_ACCMODE);
			map.fd = fd;
			id = fd < 0 ? -1 :
				      ioctl(fs->dev, FUSE_DEV_IOC_BACKING_OPEN,
					    &map);
			if (fd >= 0)
				close(fd);
			if (id < 0) {
				fuse_reply(fs->dev, in->unique, -EIO, NULL, 0);
				break;
			}
			out.fh = id;
			out.open_flags = FOPEN_PASSTHROUGH;
			out.backing_id = id;
			fuse_reply(fs->dev, in->unique, 0, &out, sizeof(out));
			break;
		}
		case FUSE_RELEASE: {
			const struct fuse_release_in *ri = arg;
			__u32 id = ri->fh;

			ioctl(fs->dev, FUSE_DEV_IOC_BACKING_CLOSE, &id);
			fuse_reply(fs->dev, in->unique, 0, NULL, 0);
			break;
		}
		case FUSE_FLUSH:
			fuse_reply(fs->dev, in->unique, 0, NULL, 0);
			break;
		case FUSE_FORGET:
		case FUSE_BATCH_FORGET:
			break;
		case FUSE_DESTROY:
			fuse_reply(fs->dev, in->unique, 0, NULL, 0);
			_exit(0);
		default:
			fuse_reply(fs->dev, in->unique, -ENOSYS, NULL, 0);
		}
	}
}

/*
 * fuse_server_start() - Mount the files of @backing at @mnt, served by a
 * child process.
 * Return: 0, or -errno (-EPERM: not root).
 */
static inline int fuse_server_start(struct fuse_server *fs, const char *backing,
				    const char *mnt)
{
	char opts[128];

	snprintf(fs->backing, sizeof(fs->backing), "%s", backing);
	snprintf(fs->mnt, sizeof(fs->mnt), "%s", mnt);
	fs->dev = open("/dev/fuse", O_RDWR | O_CLOEXEC);
	if (fs->dev < 0)
		return -errno;
	snprintf(opts, sizeof(opts),
		 "fd=%d,rootmode=40755,user_id=0,group_id=0,allow_other",
		 fs->dev);
	if (mount("uafuse", mnt, "fuse.uafuse", 0, opts)) {
		int err = -errno;

		close(fs->dev);
		return err;
	}
	fs->pid = fork();
	if (fs->pid < 0)
		return -errno;
	if (!fs->pid)
		fuse_serve(fs);
	return 0;
}

/* fuse_server_stop() - Unmount and reap the server. */
static inline void fuse_server_stop(struct fuse_server *fs)
{
	umount2(fs->mnt, MNT_DETACH);
	close(fs->dev);
	kill(fs->pid, SIGTERM);
	waitpid(fs->pid, NULL, 0);
}

#endif /* _URINGAUDIT_TESTS_FUSE_SERVER_H */
