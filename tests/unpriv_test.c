// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - What an unprivileged process can and cannot do about its
 * records: renaming itself and its io threads changes no origin, and a
 * ring passed to another process keeps its creator's.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/limits.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "audit.h"
#include "common.h"

#define USER 1000

FIXTURE(unpriv)
{
	int audit_fd;
	char file[64];
};

FIXTURE_SETUP(unpriv)
{
	int fd;

	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	reset_uringaudit();
	self->audit_fd = audit_open();
	ASSERT_LE(0, self->audit_fd);
	snprintf(self->file, sizeof(self->file), "/tmp/unpriv.%d", getpid());
	fd = open(self->file, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	ASSERT_LE(0, fd);
	close(fd);
}

FIXTURE_TEARDOWN(unpriv)
{
	if (!uringaudit_expected())
		return;
	reset_uringaudit();
	close(self->audit_fd);
	unlink(self->file);
}

/* Rename every thread whose name starts with @prefix to @name. */
static int rename_threads(const char *prefix, const char *name)
{
	char path[300], comm[32];
	struct dirent *de;
	int n = 0;
	DIR *dir = opendir("/proc/self/task");

	if (!dir)
		return -errno;
	while ((de = readdir(dir))) {
		snprintf(path, sizeof(path), "/proc/self/task/%s/comm",
			 de->d_name);
		if (read_text(path, comm, sizeof(comm)) > 0 &&
		    !strncmp(comm, prefix, strlen(prefix)) &&
		    !write_file(path, name))
			n++;
	}
	closedir(dir);
	return n;
}

/* Open @path through @ring, with SQE flags @sqe_flags; the CQE's res. */
static int open_through(struct io_uring *ring, const char *path,
			unsigned int sqe_flags)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
	int fd;

	io_uring_prep_openat(sqe, AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
	sqe->flags |= sqe_flags;
	fd = submit_and_wait(ring);
	if (fd >= 0)
		close(fd);
	return fd;
}

/*
 * As uid 1000: an SQPOLL ring, then the process and its SQ thread take
 * other names.  The record still names the program and the user, for the
 * SQ thread's own op and for one it hands to an io-wq worker it starts
 * only then: the worker inherits the SQ thread's tag, made when the ring
 * was, and takes no new one from what the process is called now.
 */
TEST_F(unpriv, renaming_does_not_hide_the_origin)
{
	static const char *const ctxs[] = { "sqpoll", "iowq" };
	struct audit_record rec;
	char pid[16], val[PATH_MAX];
	unsigned int i;
	int status;
	pid_t child;

	ASSERT_EQ(0, load_policy("audit op=open\n"));
	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		struct io_uring_params p = { .flags = IORING_SETUP_SQPOLL,
					     .sq_thread_idle = 1000 };
		struct io_uring ring;
		int ret;

		if (setgid(USER) || setuid(USER))
			_exit(10);
		/* As a process started by that user would be. */
		prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
		if (io_uring_queue_init_params(4, &ring, &p) || nop(&ring))
			_exit(11);
		if (prctl(PR_SET_NAME, "kworker/u8:1", 0, 0, 0))
			_exit(12);
		ret = rename_threads("iou-sqp-", "kworker/u8:2");
		if (ret != 1)
			_exit(ret < 0 ? 20 + (-ret % 50) : 14 + ret);
		if (open_through(&ring, self->file, 0) < 0)
			_exit(13);
		_exit(open_through(&ring, self->file, IOSQE_ASYNC) < 0 ? 15 :
									 0);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));

	snprintf(pid, sizeof(pid), "%d", child);
	for (i = 0; i < ARRAY_SIZE(ctxs); i++) {
		ASSERT_EQ(0, audit_wait_op(self->audit_fd, &rec, "open",
					   ctxs[i], pid));
		TH_LOG("record: %s", rec.text);
		if (!i)
			EXPECT_TRUE(
				field_is(rec.text, "comm", "\"kworker/u8:2\""));
		ASSERT_TRUE(
			field_get(rec.text, "origin_comm", val, sizeof(val)));
		EXPECT_STREQ("unpriv_test", val);
		ASSERT_TRUE(
			field_get(rec.text, "origin_exe", val, sizeof(val)));
		EXPECT_STREQ("/tests/unpriv_test", val);
		EXPECT_TRUE(field_is(rec.text, "origin_uid", "1000"));
		EXPECT_TRUE(field_is(rec.text, "euid", "1000"));
	}
}

/* Linux 6.12 refuses to pass an io_uring fd over SCM_RIGHTS. */
TEST_F(unpriv, ring_cannot_pass_over_scm_rights)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	char byte = 0;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = cbuf,
		.msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
	struct io_uring ring;
	int sv[2];

	ASSERT_EQ(0, io_uring_queue_init(2, &ring, 0));
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &ring.ring_fd, sizeof(int));
	EXPECT_EQ(-1, sendmsg(sv[0], &msg, 0));
	EXPECT_EQ(EINVAL, errno);
	close(sv[0]);
	close(sv[1]);
	io_uring_queue_exit(&ring);
}

/*
 * The documented limit of attribution: a process that inherits an SQPOLL
 * ring (fork, or pidfd_getfd) submits through its creator's SQ thread, so
 * its ops are the creator's in the records: pid, origin and credentials.
 */
TEST_F(unpriv, inherited_sqpoll_ring_keeps_its_creator)
{
	struct io_uring_params p = { .flags = IORING_SETUP_SQPOLL,
				     .sq_thread_idle = 2000 };
	char pid[16], user[16];
	struct audit_record rec;
	struct io_uring ring;
	int status;
	pid_t child;

	ASSERT_EQ(0, load_policy("audit op=open ctx=sqpoll\n"));
	ASSERT_EQ(0, io_uring_queue_init_params(4, &ring, &p));
	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		if (setgid(USER) || setuid(USER))
			_exit(10);
		_exit(open_through(&ring, self->file, 0) < 0 ? 12 : 0);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));

	snprintf(pid, sizeof(pid), "%d", getpid());
	snprintf(user, sizeof(user), "%d", child);
	ASSERT_EQ(0,
		  audit_wait_op(self->audit_fd, &rec, "open", "sqpoll", pid));
	TH_LOG("record: %s", rec.text);
	EXPECT_TRUE(field_is(rec.text, "pid", pid));
	EXPECT_FALSE(field_is(rec.text, "pid", user));
	EXPECT_TRUE(field_is(rec.text, "euid", "0"));
	EXPECT_TRUE(field_is(rec.text, "origin_uid", "0"));
	io_uring_queue_exit(&ring);
}

TEST_HARNESS_MAIN
