// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - A remembered decision never outlives what it was made for
 *
 * A task remembers the ops it was allowed, silently, under rules on uid,
 * gid, auid and exe (security/uringaudit/cache.c).  Each test lets a task
 * be allowed an inline read, so that the decision is remembered, changes
 * one thing the decision depends on, and reads again: the new decision
 * must be made, and deny.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <sys/wait.h>

#include "kselftest_harness.h"
#include "common.h"

/* One inline read of a pipe given a byte first: returns its result. */
static int ring_read(struct io_uring *ring, const int *pipe)
{
	struct io_uring_sqe *sqe;
	char c;

	if (write(pipe[1], "x", 1) != 1)
		return -EIO;
	sqe = io_uring_get_sqe(ring);
	io_uring_prep_read(sqe, pipe[0], &c, 1, 0);
	return submit_and_wait(ring);
}

/* One read of a byte of a file opened O_NONBLOCK: inline on tmpfs. */
static int ring_pread(struct io_uring *ring, int fd)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
	char c;

	io_uring_prep_read(sqe, fd, &c, 1, 0);
	return submit_and_wait(ring);
}

FIXTURE(cache)
{
	struct io_uring ring;
	int pipe[2];
};

FIXTURE_SETUP(cache)
{
	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active");
	reset_uringaudit();
	ASSERT_EQ(0, pipe2(self->pipe, O_CLOEXEC));
	ASSERT_EQ(0, io_uring_queue_init(4, &self->ring, 0));
}

FIXTURE_TEARDOWN(cache)
{
	io_uring_queue_exit(&self->ring);
	close(self->pipe[0]);
	close(self->pipe[1]);
	reset_uringaudit();
}

/* Runs @body in a child; its exit status, or -1 if it did not exit. */
#define IN_CHILD(body)                                                \
	({                                                            \
		int status_ = -1;                                     \
		pid_t pid_ = fork();                                  \
		if (pid_ == 0) {                                      \
			body;                                         \
			_exit(0);                                     \
		}                                                     \
		if (pid_ > 0 && waitpid(pid_, &status_, 0) == pid_ && \
		    WIFEXITED(status_))                               \
			status_ = WEXITSTATUS(status_);               \
		else                                                  \
			status_ = -1;                                 \
		status_;                                              \
	})

/* New credentials: the next op is decided again. */
TEST_F(cache, new_credentials)
{
	ASSERT_EQ(0, load_policy("deny op=read uid=1000\n"));
	EXPECT_EQ(0, IN_CHILD({
			  if (ring_read(&self->ring, self->pipe) != 1)
				  _exit(1);
			  if (ring_read(&self->ring, self->pipe) != 1)
				  _exit(2);
			  if (setresuid(1000, 1000, 1000))
				  _exit(3);
			  if (ring_read(&self->ring, self->pipe) != -EACCES)
				  _exit(4);
		  }));
}

/* A new policy: the next op is decided again. */
TEST_F(cache, new_policy)
{
	ASSERT_EQ(0, load_policy("deny op=read uid=1000\n"));
	EXPECT_EQ(1, ring_read(&self->ring, self->pipe));
	EXPECT_EQ(1, ring_read(&self->ring, self->pipe));
	/* The same rules, loaded again: a new policy all the same. */
	ASSERT_EQ(0, load_policy("deny op=read uid=1000\n"));
	EXPECT_EQ(1, ring_read(&self->ring, self->pipe));
	ASSERT_EQ(0, load_policy("deny op=read uid=0\n"));
	EXPECT_EQ(-EACCES, ring_read(&self->ring, self->pipe));
}

/* A login user ID set since: the next op is decided again. */
TEST_F(cache, new_login_uid)
{
	ASSERT_EQ(0, load_policy("deny op=read auid=1000\n"));
	EXPECT_EQ(0, IN_CHILD({
			  if (ring_read(&self->ring, self->pipe) != 1)
				  _exit(1);
			  if (write_file("/proc/self/loginuid", "1000"))
				  _exit(2);
			  if (ring_read(&self->ring, self->pipe) != -EACCES)
				  _exit(3);
		  }));
}

/* Another context is another decision. */
TEST_F(cache, other_context)
{
	struct io_uring_sqe *sqe;
	char c;

	ASSERT_EQ(0, load_policy("deny op=read ctx=iowq uid=0\n"));
	EXPECT_EQ(1, ring_read(&self->ring, self->pipe));
	ASSERT_EQ(1, write(self->pipe[1], "x", 1));
	sqe = io_uring_get_sqe(&self->ring);
	io_uring_prep_read(sqe, self->pipe[0], &c, 1, 0);
	sqe->flags |= IOSQE_ASYNC;
	EXPECT_EQ(-EACCES, submit_and_wait(&self->ring));
}

static int create(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0)
		return -errno;
	if (write(fd, "x", 1) != 1) {
		close(fd);
		return -EIO;
	}
	close(fd);
	return 0;
}

/* A rule on the path is decided for every op: nothing is remembered. */
TEST_F(cache, path_rules_always_decide)
{
	char dir[] = "/tmp/cache.XXXXXX", a[64], b[64], policy[128];
	int fd;

	ASSERT_NE(NULL, mkdtemp(dir));
	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(b, sizeof(b), "%s/b", dir);
	ASSERT_EQ(0, create(a));
	ASSERT_EQ(0, create(b));
	snprintf(policy, sizeof(policy), "deny op=read path=%s\n", b);
	ASSERT_EQ(0, load_policy(policy));
	fd = open(a, O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, fd);
	EXPECT_EQ(1, ring_pread(&self->ring, fd));
	close(fd);
	fd = open(b, O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-EACCES, ring_pread(&self->ring, fd));
	close(fd);
	unlink(a);
	unlink(b);
	rmdir(dir);
}

TEST_HARNESS_MAIN
