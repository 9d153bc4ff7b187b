/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Helpers of the identity tests: the views a process can take
 * of the file system (user and mount namespaces, chroot, bind mounts), ops
 * run from them in a child, and the records those ops leave.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _URINGAUDIT_TESTS_IDENTITY_H
#define _URINGAUDIT_TESTS_IDENTITY_H

#include <ctype.h>
#include <grp.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "audit.h"
#include "common.h"

/* The unprivileged user of the tests. */
#define IDT_USER 1000

/* An exit code of a child that failed before its op: setup went wrong. */
#define IDT_SETUP_FAILED 90

/*
 * idt_enter_userns() - Become uid and gid 1000, then root of a new user
 * namespace (mapped to 1000) with a mount namespace of its own, whose
 * mounts are private.
 * Return: 0, or -errno.
 */
static inline int idt_enter_userns(void)
{
	char map[32];

	if (setgroups(0, NULL) || setgid(IDT_USER) || setuid(IDT_USER))
		return -errno;
	/* setuid() made the process undumpable: /proc/self would be root's. */
	if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0))
		return -errno;
	if (unshare(CLONE_NEWUSER | CLONE_NEWNS))
		return -errno;
	if (write_file("/proc/self/setgroups", "deny"))
		return -EPERM;
	snprintf(map, sizeof(map), "0 %d 1", IDT_USER);
	if (write_file("/proc/self/uid_map", map) ||
	    write_file("/proc/self/gid_map", map))
		return -EPERM;
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return -errno;
	return 0;
}

/*
 * idt_enter_mntns() - A new mount namespace with private mounts, as root
 * of the initial user namespace.
 * Return: 0, or -errno.
 */
static inline int idt_enter_mntns(void)
{
	if (unshare(CLONE_NEWNS))
		return -errno;
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		return -errno;
	return 0;
}

/*
 * idt_enter() - The namespaces a case runs in: as uid 1000 in a new user
 * and mount namespace when @user, else as root, in a new mount namespace
 * when @mntns.
 */
static inline int idt_enter(bool user, bool mntns)
{
	if (user)
		return idt_enter_userns();
	return mntns ? idt_enter_mntns() : 0;
}

/* idt_chroot() - chroot(2) into @dir and go there. Return: 0 or -errno. */
static inline int idt_chroot(const char *dir)
{
	if (chroot(dir) || chdir("/"))
		return -errno;
	return 0;
}

/**
 * struct idt_way - A way to a file: the view a child sets up, then a path
 * @mntns: A mount namespace of its own (a user's always has one).
 * @bind_src: When set, bind-mounted at @bind_dst.
 * @bind_dst: Where.
 * @root: When set, chroot(2) there.
 * @path: The path then opened.
 */
struct idt_way {
	bool mntns;
	const char *bind_src;
	const char *bind_dst;
	const char *root;
	const char *path;
};

/*
 * idt_take_way() - Set up the view of @w, as uid 1000 in a user namespace
 * of its own when @user.  Return: 0 or -errno.
 */
static inline int idt_take_way(bool user, const struct idt_way *w)
{
	int ret = idt_enter(user, w->mntns);

	if (!ret && w->bind_src &&
	    mount(w->bind_src, w->bind_dst, NULL, MS_BIND, NULL))
		ret = -errno;
	if (!ret && w->root)
		ret = idt_chroot(w->root);
	return ret;
}

/*
 * idt_uring_open() - Open @path (relative to @dirfd) through a new ring,
 * inline or, with @async, on io-wq (IOSQE_ASYNC).
 * Return: the CQE's result (the descriptor is closed), or -errno.
 */
static inline int idt_uring_open(int dirfd, const char *path, bool async)
{
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	int ret;

	ret = io_uring_queue_init(4, &ring, 0);
	if (ret)
		return ret;
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_openat(sqe, dirfd, path, O_RDONLY | O_CLOEXEC, 0);
	if (async)
		sqe->flags |= IOSQE_ASYNC;
	ret = submit_and_wait(&ring);
	if (ret >= 0)
		close(ret);
	io_uring_queue_exit(&ring);
	return ret;
}

/*
 * idt_try_open() - In a child: open(2) @path (uringaudit never sees a
 * system call, so this shows the file is there and DAC lets the task in),
 * then open it through io_uring inline and on io-wq, each of which must
 * end in @want (-EACCES for denied, 0 for allowed).
 * Return: 0 as wanted; IDT_SETUP_FAILED when open(2) failed; 1 when the
 * inline open, 2 when the io-wq open did not end as wanted.
 */
static inline int idt_try_open(int dirfd, const char *path, int want)
{
	int fd, ret, i;

	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "# child: open(2) of \"%s\": %s\n", path,
			strerror(errno));
		return IDT_SETUP_FAILED;
	}
	close(fd);
	for (i = 0; i < 2; i++) {
		ret = idt_uring_open(dirfd, path, i);
		if (ret >= 0)
			ret = 0;
		if (ret != want) {
			fprintf(stderr, "# child: %s open of \"%s\": %d (%s)\n",
				i ? "io-wq" : "inline", path, ret,
				ret < 0 ? strerror(-ret) : "opened");
			return 1 + i;
		}
	}
	return 0;
}

/*
 * idt_wait_child() - Wait for @pid.
 * Return: its exit code, or 128 + the signal that killed it.
 */
static inline int idt_wait_child(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return -errno;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/*
 * idt_str_field() - The string field @key of a record, unquoted or decoded
 * from audit's hex, into @buf.
 * Return: true when the field is there.
 */
static inline bool idt_str_field(const char *text, const char *key, char *buf,
				 size_t size)
{
	char want[64];
	const char *p = text, *v;
	size_t n, klen, i;

	klen = snprintf(want, sizeof(want), "%s=", key);
	for (; (p = strstr(p, want)); p += klen) {
		if (p != text && p[-1] != ' ')
			continue;
		v = p + klen;
		if (*v == '"') {
			n = strcspn(++v, "\"");
			if (n >= size)
				n = size - 1;
			memcpy(buf, v, n);
			buf[n] = '\0';
			return true;
		}
		n = strcspn(v, " ");
		for (i = 0; i < n; i++)
			if (!isxdigit((unsigned char)v[i]))
				break;
		if (i < n || n % 2 || n / 2 >= size) {
			/* Not hex: a bare word such as "?". */
			if (n >= size)
				n = size - 1;
			memcpy(buf, v, n);
			buf[n] = '\0';
			return true;
		}
		for (i = 0; i < n / 2; i++) {
			char byte[3] = { v[2 * i], v[2 * i + 1], '\0' };

			buf[i] = (char)strtoul(byte, NULL, 16);
		}
		buf[n / 2] = '\0';
		return true;
	}
	return false;
}

/* What a test waits for: a uringaudit record of this op of this process. */
struct idt_want {
	const char *op;
	const char *ctx;
	const char *decision;
	pid_t pid;
};

static inline bool idt_is_record(const struct audit_record *rec,
				 const void *arg)
{
	const struct idt_want *want = arg;
	char ops[256], pid[16];

	snprintf(pid, sizeof(pid), "%d", want->pid);
	return rec->type == AUDIT_URINGAUDIT &&
	       field_get(rec->text, "op", ops, sizeof(ops)) &&
	       list_has(ops, want->op) &&
	       (!want->ctx || field_is(rec->text, "ctx", want->ctx)) &&
	       (!want->decision ||
		field_is(rec->text, "decision", want->decision)) &&
	       field_is(rec->text, "origin_pid", pid);
}

/*
 * idt_wait_record() - Wait for the record of @op in @ctx (any when NULL)
 * with @decision (any when NULL) of process @pid.
 * Return: 0 with it in @rec, or -ETIMEDOUT or -errno.
 */
static inline int idt_wait_record(int fd, struct audit_record *rec,
				  const char *op, const char *ctx,
				  const char *decision, pid_t pid)
{
	const struct idt_want want = { op, ctx, decision, pid };

	return audit_wait(fd, rec, idt_is_record, &want);
}

/* idt_field_eq() - Whether string field @key of @rec is @value. */
static inline bool idt_field_eq(const struct audit_record *rec, const char *key,
				const char *value)
{
	char buf[8192];

	return idt_str_field(rec->text, key, buf, sizeof(buf)) &&
	       !strcmp(buf, value);
}

/* idt_has_field() - Whether @rec has field @key. */
static inline bool idt_has_field(const struct audit_record *rec,
				 const char *key)
{
	char buf[16];

	return idt_str_field(rec->text, key, buf, sizeof(buf));
}

/*
 * idt_copy() - Copy file @src to @dst (made anew with @mode).
 * Return: 0, or -errno.
 */
static inline int idt_copy(const char *src, const char *dst, mode_t mode)
{
	char buf[65536];
	int in, out, err = 0;
	ssize_t n;

	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -errno;
	unlink(dst);
	out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (out < 0) {
		err = -errno;
		close(in);
		return err;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n) {
			err = -EIO;
			break;
		}
	if (n < 0)
		err = -errno;
	if (fchmod(out, mode))
		err = -errno;
	close(in);
	close(out);
	return err;
}

/* idt_make_file() - A small file @path with @mode. Return: 0 or -errno. */
static inline int idt_make_file(const char *path, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);

	if (fd < 0)
		return -errno;
	if (write(fd, "x\n", 2) != 2 || fchmod(fd, mode)) {
		close(fd);
		return -EIO;
	}
	close(fd);
	return 0;
}

/* idt_rm_rf() - Remove @dir and everything under it, unmounting first. */
static inline void idt_rm_rf(const char *dir)
{
	char cmd[256];

	snprintf(
		cmd, sizeof(cmd),
		"grep -o ' %s[^ ]*' /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null; rm -rf %s",
		dir, dir);
	if (system(cmd))
		fprintf(stderr, "# Failed to remove \"%s\"\n", dir);
}

/* idt_unresolved() - The number of unresolved rules status reports. */
static inline int idt_unresolved(void)
{
	char status[2048];
	const char *p;

	if (read_text(URINGAUDIT_DIR "/status", status, sizeof(status)) < 0)
		return -1;
	p = strstr(status, "unresolved");
	if (!p)
		return -1;
	/* "rules N unresolved M" or "unresolved M": the number after it. */
	p += strlen("unresolved");
	while (*p && !isdigit((unsigned char)*p))
		p++;
	return *p ? atoi(p) : -1;
}

#endif /* _URINGAUDIT_TESTS_IDENTITY_H */
