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

/* ring_read() with the credentials of registered personality @id. */
static int ring_read_as(struct io_uring *ring, const int *pipe, int id)
{
	struct io_uring_sqe *sqe;
	char c;

	if (write(pipe[1], "x", 1) != 1)
		return -EIO;
	sqe = io_uring_get_sqe(ring);
	io_uring_prep_read(sqe, pipe[0], &c, 1, 0);
	sqe->personality = id;
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
			  if (setresuid(1000, 1000, 1000))
				  _exit(2);
			  if (ring_read(&self->ring, self->pipe) != -EACCES)
				  _exit(3);
		  }));
}

/* A new effective group: the next op is decided again. */
TEST_F(cache, new_group)
{
	ASSERT_EQ(0, load_policy("deny op=read gid=1000\n"));
	EXPECT_EQ(0, IN_CHILD({
			  if (ring_read(&self->ring, self->pipe) != 1)
				  _exit(1);
			  if (setresgid(1000, 1000, 1000))
				  _exit(2);
			  if (ring_read(&self->ring, self->pipe) != -EACCES)
				  _exit(3);
		  }));
}

/*
 * A task's reads alternate between its own credentials and a registered
 * personality's: each read is decided with the credentials it runs with,
 * whatever the read before it was allowed with.
 */
TEST_F(cache, personality_between_own_credentials)
{
	ASSERT_EQ(0, load_policy("deny op=read uid=1000\n"));
	EXPECT_EQ(0, IN_CHILD({
			  int id;

			  if (setresuid(1000, 1000, 0))
				  _exit(1);
			  id = io_uring_register_personality(&self->ring);
			  if (id < 0 || setresuid(0, 0, 0))
				  _exit(2);
			  if (ring_read(&self->ring, self->pipe) != 1)
				  _exit(3);
			  if (ring_read_as(&self->ring, self->pipe, id) !=
			      -EACCES)
				  _exit(4);
			  if (ring_read(&self->ring, self->pipe) != 1)
				  _exit(5);
			  if (ring_read_as(&self->ring, self->pipe, id) !=
			      -EACCES)
				  _exit(6);
		  }));
}

/*
 * A new policy that says otherwise: the next op is decided under it.  The
 * old policy allowed the read; the new one, with the same rule and another
 * default... denies it.
 */
TEST_F(cache, new_policy)
{
	ASSERT_EQ(0, load_policy("allow op=read uid=5\ndefault allow\n"));
	ASSERT_EQ(1, ring_read(&self->ring, self->pipe));
	ASSERT_EQ(0, load_policy("allow op=read uid=5\ndefault deny\n"));
	EXPECT_EQ(-EACCES, ring_read(&self->ring, self->pipe));
}

/* A login after the decision: the next op is decided with the new auid. */
TEST_F(cache, new_login_uid)
{
	ASSERT_EQ(0, load_policy("deny op=read auid=1000\n"));
	EXPECT_EQ(0, IN_CHILD({
			  int fd;

			  if (ring_read(&self->ring, self->pipe) != 1)
				  _exit(1);
			  fd = open("/proc/self/loginuid", O_WRONLY);
			  if (fd < 0 || write(fd, "1000", 4) != 4)
				  _exit(2);
			  close(fd);
			  if (ring_read(&self->ring, self->pipe) != -EACCES)
				  _exit(3);
		  }));
}

/*
 * The same task in another context: a read it issues inline is allowed
 * and remembered; the same read issued from task_work, as the next request
 * of a link, is decided again, and denied.  Only precise mode tells a
 * task's contexts apart; io threads have caches of their own.
 */
TEST_F(cache, other_context_same_task)
{
	struct io_uring_cqe *cqe;
	struct io_uring_sqe *sqe;
	char a, b;
	int i, res = 0;

	if (!uringaudit_precise())
		SKIP(return, "a task has one context in compat mode");
	ASSERT_EQ(0, load_policy("deny op=read ctx=taskwork uid=0\n"));
	ASSERT_EQ(1, ring_read(&self->ring, self->pipe));
	/* A nop, then a read linked to it: the read is issued as task_work. */
	ASSERT_EQ(1, write(self->pipe[1], "y", 1));
	(void)a;
	sqe = io_uring_get_sqe(&self->ring);
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_flags(sqe, IOSQE_IO_LINK);
	sqe = io_uring_get_sqe(&self->ring);
	io_uring_prep_read(sqe, self->pipe[0], &b, 1, 0);
	sqe->user_data = 2;
	ASSERT_EQ(2, io_uring_submit(&self->ring));
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, io_uring_wait_cqe(&self->ring, &cqe));
		if (cqe->user_data == 2)
			res = cqe->res;
		io_uring_cqe_seen(&self->ring, cqe);
	}
	EXPECT_EQ(-EACCES, res);
}

/*
 * Another program: what the task remembered goes at execve(2).  The task
 * is allowed a read, then runs uring-op, which the policy denies reads.
 */
TEST_F(cache, new_program)
{
	ASSERT_EQ(0, load_policy("deny op=read exe=/tests/uring-op\n"));
	EXPECT_EQ(3, IN_CHILD({
			  char fd[16];

			  if (ring_read(&self->ring, self->pipe) != 1)
				  _exit(10);
			  if (write(self->pipe[1], "x", 1) != 1)
				  _exit(11);
			  /* dup(2) drops O_CLOEXEC. */
			  snprintf(fd, sizeof(fd), "%d", dup(self->pipe[0]));
			  execl("/tests/uring-op", "uring-op", "read", fd,
				(char *)NULL);
			  _exit(12);
		  }));
}

/* Moved to another cgroup: the next op is decided with the new one. */
TEST_F(cache, new_cgroup)
{
	if (access("/sys/fs/cgroup/cgroup.procs", F_OK))
		SKIP(return, "no cgroup v2 hierarchy mounted");
	if (mkdir("/sys/fs/cgroup/ua-cache", 0755) && errno != EEXIST)
		SKIP(return, "cannot make a cgroup");
	ASSERT_EQ(0, load_policy("deny op=read cgroup=/ua-cache\n"));
	EXPECT_EQ(0, IN_CHILD({
			  char pid[16];
			  int fd;

			  if (ring_read(&self->ring, self->pipe) != 1)
				  _exit(1);
			  fd = open("/sys/fs/cgroup/ua-cache/cgroup.procs",
				    O_WRONLY);
			  snprintf(pid, sizeof(pid), "%d", getpid());
			  if (fd < 0 || write(fd, pid, strlen(pid)) < 0)
				  _exit(2);
			  close(fd);
			  if (ring_read(&self->ring, self->pipe) != -EACCES)
				  _exit(3);
		  }));
	rmdir("/sys/fs/cgroup/ua-cache");
}

/*
 * An open file remembers what a subject was allowed on it: another subject
 * reading the same file is decided again.
 */
TEST_F(cache, file_other_subject)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/cache.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0644);
	ASSERT_LE(0, fd);
	ASSERT_EQ(1, write(fd, "x", 1));
	ASSERT_EQ(0, load_policy("deny op=read path=/tmp uid=1000\n"));
	EXPECT_EQ(0, IN_CHILD({
			  if (ring_pread(&self->ring, fd) != 1)
				  _exit(1);
			  if (setresuid(1000, 1000, 1000))
				  _exit(2);
			  if (ring_pread(&self->ring, fd) != -EACCES)
				  _exit(3);
		  }));
	close(fd);
	unlink(path);
}

/*
 * An open file remembers what a subject was allowed on it, whatever the
 * rules looked at: reads of a file are decided once, as opens are (a file
 * moved into a denied directory after it was opened and read stays
 * readable through that descriptor, as its permissions were checked at
 * open).  The rule on the directory is still there: a file opened in it is
 * denied.
 */
TEST_F(cache, file_remembers_path_decision)
{
	char dir[64], path[96], moved[96];
	int fd, other;

	snprintf(dir, sizeof(dir), "/tmp/cache-deny.%d", getpid());
	snprintf(path, sizeof(path), "/tmp/cache-file.%d", getpid());
	snprintf(moved, sizeof(moved), "%s/f", dir);
	ASSERT_EQ(0, mkdir(dir, 0700));
	fd = open(path, O_RDWR | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	ASSERT_EQ(1, write(fd, "x", 1));
	{
		char rule[128];

		snprintf(rule, sizeof(rule), "deny op=read path=%s\n", dir);
		ASSERT_EQ(0, load_policy(rule));
	}
	ASSERT_EQ(1, ring_pread(&self->ring, fd));
	ASSERT_EQ(0, rename(path, moved));
	EXPECT_EQ(1, ring_pread(&self->ring, fd));
	other = open(moved, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_LE(0, other);
	EXPECT_EQ(-EACCES, ring_pread(&self->ring, other));
	close(other);
	close(fd);
	unlink(moved);
	rmdir(dir);
}

/* Rules on the object are decided per object, never remembered per task. */
TEST_F(cache, path_rules_always_decide)
{
	char path[64];
	int fd;

	ASSERT_EQ(0, load_policy("deny op=read path=/tmp\n"));
	ASSERT_EQ(1, ring_read(&self->ring, self->pipe));
	snprintf(path, sizeof(path), "/tmp/cache.%d", getpid());
	fd = open(path, O_RDWR | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	ASSERT_EQ(1, write(fd, "x", 1));
	EXPECT_EQ(-EACCES, ring_pread(&self->ring, fd));
	close(fd);
	unlink(path);
}

TEST_HARNESS_MAIN
