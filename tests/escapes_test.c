// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Ways around a decision, each denied and recorded in precise
 * mode:
 *
 * - a DEFER_TASKRUN ring's pending work drained inside execve(2) and
 *   inside io_uring_register(2) (unregistering files): a linked open run
 *   there is issued from task_work, denied with -EACCES and recorded with
 *   ctx=taskwork in that system call's audit event;
 * - a multishot ACCEPT armed before "deny op=accept" is loaded: the next
 *   connection it accepts is denied and recorded;
 * - OPENAT with O_PATH, which reaches no file_open hook, is decided as an
 *   open on its path;
 * - SPLICE from a socket is a recv, to a socket a send;
 * - SEND and SENDMSG with MSG_FASTOPEN and an address, on a TCP socket not
 *   connected, are connects;
 * - MSG_RING without a file is recorded with its target ring, and with a
 *   file (IORING_MSG_SEND_FD) is recorded with that file and can be denied.
 *
 * (A linked open run from task_work on the way back from another system
 * call is records_test's task_work_after_other_syscall.)  Compat mode
 * cannot see any of this: every test needs precise mode.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/limits.h>
#include <netinet/in.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "audit.h"
#include "common.h"

#define OPEN_UD 2
/* The environment variable that tells an exec'd image to read a ring. */
#define EXEC_ENV "UA_ESCAPES_RING"

FIXTURE(escapes)
{
	int audit_fd;
	char pid[16];
	char dir[64];
	char path[PATH_MAX];
};

FIXTURE_SETUP(escapes)
{
	self->audit_fd = -1;
	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	if (!uringaudit_precise())
		SKIP(return,
			   "compat mode cannot tell these ops (see records_test)");
	reset_uringaudit();
	snprintf(self->pid, sizeof(self->pid), "%d", getpid());
	snprintf(self->dir, sizeof(self->dir), "/tmp/escapes.%d", getpid());
	ASSERT_EQ(0, mkdir(self->dir, 0700));
	snprintf(self->path, sizeof(self->path), "%s/f", self->dir);
	ASSERT_EQ(0, mknod(self->path, S_IFREG | 0600, 0));
	self->audit_fd = audit_open();
	ASSERT_LE(0, self->audit_fd);
}

FIXTURE_TEARDOWN(escapes)
{
	char cmd[96];

	if (self->audit_fd < 0)
		return;
	reset_uringaudit();
	close(self->audit_fd);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", self->dir);
	if (system(cmd))
		TH_LOG("Failed to remove \"%s\"", self->dir);
}

/* What a record must hold: its fields " key=value", all of them. */
struct want_record {
	const char *fields[6];
};

static bool is_wanted(const struct audit_record *rec, const void *arg)
{
	const struct want_record *want = arg;
	char key[64];
	size_t i;

	if (rec->type != AUDIT_URINGAUDIT)
		return false;
	for (i = 0; i < ARRAY_SIZE(want->fields) && want->fields[i]; i++) {
		const char *eq = strchr(want->fields[i], '=');

		snprintf(key, sizeof(key), "%.*s", (int)(eq - want->fields[i]),
			 want->fields[i]);
		if (!field_is(rec->text, key, eq + 1))
			return false;
	}
	return true;
}

/* Wait for the record with every field (" key=value") given; log it. */
#define WAIT_RECORD(rec, ...)                                                  \
	do {                                                                   \
		const struct want_record __want = { { __VA_ARGS__ } };         \
		ASSERT_EQ(0,                                                   \
			  audit_wait(self->audit_fd, rec, is_wanted, &__want)) \
		{                                                              \
			TH_LOG("no record with %s", #__VA_ARGS__);             \
		}                                                              \
		TH_LOG("record: %s", (rec)->text);                             \
	} while (0)

/* Whether the record's op= names @class. */
static bool op_has(const struct audit_record *rec, const char *class)
{
	return field_has(rec->text, "op", class);
}

struct serial_record {
	int type;
	unsigned long serial;
};

static bool is_serial(const struct audit_record *rec, const void *arg)
{
	const struct serial_record *want = arg;

	return rec->type == want->type && rec->serial == want->serial;
}

/* Wait for the CQE with @user_data; return its res, or -ETIMEDOUT. */
static int wait_ud(struct io_uring *ring, __u64 user_data, unsigned int *flags)
{
	struct __kernel_timespec ts = { .tv_sec = 3 };
	struct io_uring_cqe *cqe;
	int ret;

	for (;;) {
		ret = io_uring_wait_cqe_timeout(ring, &cqe, &ts);
		if (ret)
			return ret == -ETIME ? -ETIMEDOUT : ret;
		if (cqe->user_data == user_data) {
			ret = cqe->res;
			if (flags)
				*flags = cqe->flags;
			io_uring_cqe_seen(ring, cqe);
			return ret;
		}
		io_uring_cqe_seen(ring, cqe);
	}
}

/*
 * A recv that waits for data, and an open linked to it, on a DEFER_TASKRUN
 * ring: the recv's wake-up queues its work on the ring, where it waits
 * until some system call of the task drains it.  @fixed: the socket is the
 * ring's registered file 0, so that the recv holds the file table.
 */
static int queue_linked_open(struct io_uring *ring, int sv[2], bool fixed,
			     const char *path)
{
	static char buf[4];
	struct io_uring_sqe *sqe;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		return -errno;
	if (fixed && io_uring_register_files(ring, &sv[1], 1))
		return -EBADF;
	sqe = io_uring_get_sqe(ring);
	io_uring_prep_recv(sqe, fixed ? 0 : sv[1], buf, sizeof(buf), 0);
	sqe->flags |= IOSQE_IO_LINK | (fixed ? IOSQE_FIXED_FILE : 0);
	sqe->user_data = 1;
	sqe = io_uring_get_sqe(ring);
	io_uring_prep_openat(sqe, AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
	sqe->user_data = OPEN_UD;
	if (io_uring_submit(ring) != 2)
		return -EIO;
	/* The recv completes, and the open is queued: as task_work. */
	if (write(sv[0], "ping", 4) != 4)
		return -EIO;
	return 0;
}

/* The res of the CQE with @user_data among those posted, without a syscall. */
static int posted_res(struct io_uring *ring, __u64 user_data)
{
	struct io_uring_cqe *cqe;
	unsigned int head;
	int res = -ENOENT;

	io_uring_for_each_cqe(ring, head, cqe) if (cqe->user_data == user_data)
		res = cqe->res;
	return res;
}

/*
 * The exec'd image: map the ring it inherited and exit 0 when the open's
 * CQE says -EACCES, 10 when it has none yet, 11 for another result.
 */
static void __attribute__((constructor)) exec_image(void)
{
	const char *env = getenv(EXEC_ENV);
	struct io_uring_params p;
	struct io_uring ring;
	unsigned char *b = (unsigned char *)&p;
	int fd, n, res;
	size_t i;

	if (!env)
		return;
	if (sscanf(env, "%d:%n", &fd, &n) != 1 ||
	    strlen(env + n) != 2 * sizeof(p))
		_exit(12);
	for (i = 0; i < sizeof(p); i++)
		if (sscanf(env + n + 2 * i, "%2hhx", &b[i]) != 1)
			_exit(12);
	if (io_uring_queue_mmap(fd, &p, &ring))
		_exit(13);
	res = posted_res(&ring, OPEN_UD);
	fprintf(stderr, "exec'd image: the open's CQE: %d\n", res);
	_exit(res == -EACCES ? 0 : res == -ENOENT ? 10 : 11);
}

/* The SYSCALL record of the event @rec joined says syscall=@nr. */
static void expect_syscall(struct __test_metadata *_metadata, int audit_fd,
			   const struct audit_record *rec, const char *nr)
{
	const struct serial_record want = { AUDIT_SYSCALL, rec->serial };
	struct audit_record sys;

	ASSERT_EQ(0, audit_wait(audit_fd, &sys, is_serial, &want))
	{
		TH_LOG("no SYSCALL record with serial %lu", rec->serial);
	}
	EXPECT_TRUE(field_is(sys.text, "syscall", nr))
	{
		TH_LOG("SYSCALL record: %s", sys.text);
	}
}

/*
 * execve(2) cancels the task's io_uring work, and first runs what its
 * DEFER_TASKRUN rings have queued: the recv, then the open linked to it.
 * The ring's descriptor survives the exec; the new image maps it and
 * finds the open's CQE.
 */
TEST_F(escapes, defer_taskrun_drained_in_execve_denied)
{
	struct audit_record rec;
	char opid[32];
	int status;
	pid_t pid;

	ASSERT_EQ(0, load_policy("deny op=open\n"));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		struct io_uring_params p = {
			.flags = IORING_SETUP_SINGLE_ISSUER |
				 IORING_SETUP_DEFER_TASKRUN,
		};
		char env[32 + 2 * sizeof(p)], *argv[] = { "escapes", NULL };
		char *envp[] = { env, NULL };
		unsigned char *b = (unsigned char *)&p;
		struct io_uring ring;
		int sv[2], n;
		size_t i;

		if (io_uring_queue_init_params(4, &ring, &p))
			_exit(20);
		if (queue_linked_open(&ring, sv, false, self->path))
			_exit(21);
		/* Nothing ran the open yet. */
		if (io_uring_cq_ready(&ring))
			_exit(22);
		if (fcntl(ring.ring_fd, F_SETFD, 0))
			_exit(23);
		n = snprintf(env, sizeof(env), EXEC_ENV "=%d:", ring.ring_fd);
		for (i = 0; i < sizeof(p); i++)
			n += snprintf(env + n, sizeof(env) - n, "%02x", b[i]);
		execve("/proc/self/exe", argv, envp);
		_exit(24);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status))
	{
		TH_LOG("exit %d: 10 no CQE, 11 another result, 2x setup",
		       WEXITSTATUS(status));
	}
	snprintf(opid, sizeof(opid), "origin_pid=%d", pid);
	WAIT_RECORD(&rec, "opcode=openat", opid, "ctx=taskwork",
		    "decision=deny", "result=-13");
	EXPECT_TRUE(op_has(&rec, "open"));
	/* It ran inside execve(2): the record is in that call's event. */
	expect_syscall(_metadata, self->audit_fd, &rec, "59");
}

/*
 * Unregistering files waits until no request holds the file table, and
 * meanwhile runs the ring's queued work: the recv (on a registered file),
 * then the open linked to it.  Both CQEs are there when
 * io_uring_register(2) returns, before any other system call.
 */
TEST_F(escapes, defer_taskrun_drained_in_register_denied)
{
	struct io_uring_params p = { .flags = IORING_SETUP_SINGLE_ISSUER |
					      IORING_SETUP_DEFER_TASKRUN };
	struct audit_record rec;
	struct io_uring ring;
	char opid[32];
	int sv[2];

	ASSERT_EQ(0, load_policy("deny op=open\n"));
	ASSERT_EQ(0, io_uring_queue_init_params(4, &ring, &p));
	ASSERT_EQ(0, queue_linked_open(&ring, sv, true, self->path));
	ASSERT_EQ(0, io_uring_cq_ready(&ring));
	ASSERT_EQ(0, io_uring_unregister_files(&ring));
	EXPECT_EQ(2, io_uring_cq_ready(&ring));
	EXPECT_EQ(4, posted_res(&ring, 1));
	EXPECT_EQ(-EACCES, posted_res(&ring, OPEN_UD));
	snprintf(opid, sizeof(opid), "origin_pid=%s", self->pid);
	WAIT_RECORD(&rec, "opcode=openat", opid, "ctx=taskwork",
		    "decision=deny", "result=-13");
	EXPECT_TRUE(op_has(&rec, "open"));
	expect_syscall(_metadata, self->audit_fd, &rec, "427");
	io_uring_queue_exit(&ring);
	close(sv[0]);
	close(sv[1]);
}

/* A TCP socket listening on 127.0.0.1, its address in @sin. */
static int tcp_listener(struct sockaddr_in *sin)
{
	socklen_t len = sizeof(*sin);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)sin, sizeof(*sin)) ||
	    listen(fd, 8) || getsockname(fd, (struct sockaddr *)sin, &len))
		return -1;
	return fd;
}

static int tcp_connect(const struct sockaddr_in *sin)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0 || connect(fd, (const struct sockaddr *)sin, sizeof(*sin)))
		return -1;
	return fd;
}

/*
 * A multishot accept armed while accepts are allowed stays armed when a
 * policy that denies them is loaded: the next connection it takes is
 * decided again, from task_work, and denied.
 */
TEST_F(escapes, multishot_accept_armed_before_deny_denied)
{
	struct audit_record rec;
	struct io_uring_sqe *sqe;
	struct sockaddr_in sin;
	struct io_uring ring;
	unsigned int flags;
	int lfd, c1, c2, res;
	char opid[32];

	ASSERT_EQ(0, load_policy("audit op=accept\n"));
	ASSERT_EQ(0, io_uring_queue_init(4, &ring, 0));
	lfd = tcp_listener(&sin);
	ASSERT_LE(0, lfd);
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_multishot_accept(sqe, lfd, NULL, NULL, SOCK_CLOEXEC);
	sqe->user_data = 0;
	ASSERT_EQ(1, io_uring_submit(&ring));
	c1 = tcp_connect(&sin);
	ASSERT_LE(0, c1);
	res = wait_ud(&ring, 0, &flags);
	ASSERT_LE(0, res);
	EXPECT_TRUE(flags & IORING_CQE_F_MORE);
	close(res);
	snprintf(opid, sizeof(opid), "origin_pid=%s", self->pid);
	WAIT_RECORD(&rec, "opcode=accept", opid, "decision=audit");

	ASSERT_EQ(0, load_policy("deny op=accept\n"));
	c2 = tcp_connect(&sin);
	ASSERT_LE(0, c2);
	EXPECT_EQ(-EACCES, wait_ud(&ring, 0, &flags));
	WAIT_RECORD(&rec, "opcode=accept", opid, "decision=deny",
		    "ctx=taskwork", "result=-13");
	EXPECT_TRUE(op_has(&rec, "accept"));
	close(c1);
	close(c2);
	close(lfd);
	io_uring_queue_exit(&ring);
}

/* Open @path with @flags through a new ring; return the CQE's res. */
static int ring_openat(const char *path, int flags)
{
	struct io_uring ring;
	int res;

	if (io_uring_queue_init(4, &ring, 0))
		return -EINVAL;
	io_uring_prep_openat(io_uring_get_sqe(&ring), AT_FDCWD, path,
			     flags | O_CLOEXEC, 0);
	res = submit_and_wait(&ring);
	if (res >= 0)
		close(res);
	io_uring_queue_exit(&ring);
	return res;
}

/*
 * An O_PATH open reaches no hook that shows its file: it is decided at its
 * issue as an open (op= rules decide it), and its path, which nothing
 * shows, fails closed: a deny rule on a path denies it, wherever the file,
 * with reason="path:EOPNOTSUPP"; an allow rule on a path does not allow
 * it.
 */
TEST_F(escapes, opath_open_decided_as_open)
{
	struct audit_record rec;
	char policy[128], opid[32], other[96];

	snprintf(other, sizeof(other), "%s.other", self->dir);
	ASSERT_EQ(0, mknod(other, S_IFREG | 0600, 0));
	snprintf(opid, sizeof(opid), "origin_pid=%s", self->pid);
	/* By class: denied, and a plain open of the same file too. */
	ASSERT_EQ(0, load_policy("deny op=open\n"));
	EXPECT_EQ(-EACCES, ring_openat(other, O_PATH));
	EXPECT_EQ(-EACCES, ring_openat(other, O_RDONLY));
	/* By path: denied in the directory and, failing closed, outside. */
	snprintf(policy, sizeof(policy), "deny op=open path=%s\n", self->dir);
	ASSERT_EQ(0, load_policy(policy));
	EXPECT_EQ(-EACCES, ring_openat(self->path, O_PATH));
	/* The class phase's records are this process's too: want the reason. */
	WAIT_RECORD(&rec, "opcode=openat", opid, "decision=deny", "result=-13",
		    "reason=\"path:EOPNOTSUPP\"");
	EXPECT_TRUE(op_has(&rec, "open"));
	EXPECT_EQ(-EACCES, ring_openat(other, O_PATH));
	/* Outside the directory, a plain open shows its file: allowed. */
	EXPECT_LE(0, ring_openat(other, O_RDONLY));
	/* An allow rule on a path cannot allow what it cannot see. */
	snprintf(policy, sizeof(policy),
		 "allow op=setup\nallow op=open path=%s\ndefault deny\n",
		 self->dir);
	ASSERT_EQ(0, load_policy(policy));
	EXPECT_LE(0, ring_openat(self->path, O_RDONLY));
	EXPECT_EQ(-EACCES, ring_openat(self->path, O_PATH));
	unlink(other);
}

/* Splice @in to @out (4 bytes) through a new ring: the CQE's res. */
static int ring_splice(int in, int out)
{
	struct io_uring ring;
	int res;

	if (io_uring_queue_init(4, &ring, 0))
		return -EINVAL;
	io_uring_prep_splice(io_uring_get_sqe(&ring), in, -1, out, -1, 4, 0);
	res = submit_and_wait(&ring);
	io_uring_queue_exit(&ring);
	return res;
}

/* Reading a socket into a pipe is a recv, whatever the pipe allows. */
TEST_F(escapes, splice_from_socket_decided_as_recv)
{
	struct audit_record rec;
	int sv[2], p[2], q[2];
	char opid[32];

	ASSERT_EQ(0, load_policy("deny op=recv\n"));
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	ASSERT_EQ(0, pipe2(p, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(q, O_CLOEXEC));
	ASSERT_EQ(4, write(sv[0], "ping", 4));
	ASSERT_EQ(4, write(q[1], "pong", 4));
	/* A pipe to a pipe is no recv. */
	EXPECT_EQ(4, ring_splice(q[0], p[1]));
	EXPECT_EQ(-EACCES, ring_splice(sv[1], p[1]));
	snprintf(opid, sizeof(opid), "origin_pid=%s", self->pid);
	WAIT_RECORD(&rec, "opcode=splice", opid, "decision=deny", "result=-13");
	EXPECT_TRUE(op_has(&rec, "recv"));
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
}

/* Writing a pipe into a socket is a send. */
TEST_F(escapes, splice_to_socket_decided_as_send)
{
	struct audit_record rec;
	int sv[2], p[2], q[2];
	char opid[32];

	ASSERT_EQ(0, load_policy("deny op=send\n"));
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	ASSERT_EQ(0, pipe2(p, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(q, O_CLOEXEC));
	ASSERT_EQ(8, write(p[1], "pingpong", 8));
	EXPECT_EQ(4, ring_splice(p[0], q[1]));
	EXPECT_EQ(-EACCES, ring_splice(p[0], sv[0]));
	snprintf(opid, sizeof(opid), "origin_pid=%s", self->pid);
	WAIT_RECORD(&rec, "opcode=splice", opid, "decision=deny", "result=-13");
	EXPECT_TRUE(op_has(&rec, "send"));
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);
}

/*
 * A send with MSG_FASTOPEN and an address, on a TCP socket not connected,
 * connects it: "deny op=connect" denies it (and lets other sends be).
 * @msg: as SENDMSG, else as SEND.
 */
static void fastopen_is_connect(struct __test_metadata *_metadata,
				FIXTURE_DATA(escapes) * self, bool msg)
{
	struct sockaddr_in sin;
	struct audit_record rec;
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	struct iovec iov = { "data", 4 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	int lfd, fd, sv[2];
	char opid[32];

	ASSERT_EQ(0, load_policy("deny op=connect\n"));
	ASSERT_EQ(0, io_uring_queue_init(4, &ring, 0));
	/* A send on a connected socket is no connect. */
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	io_uring_prep_send(io_uring_get_sqe(&ring), sv[0], "ping", 4, 0);
	EXPECT_EQ(4, submit_and_wait(&ring));

	lfd = tcp_listener(&sin);
	ASSERT_LE(0, lfd);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	sqe = io_uring_get_sqe(&ring);
	if (msg) {
		mh.msg_name = &sin;
		mh.msg_namelen = sizeof(sin);
		io_uring_prep_sendmsg(sqe, fd, &mh, MSG_FASTOPEN);
	} else {
		io_uring_prep_send(sqe, fd, "data", 4, MSG_FASTOPEN);
		io_uring_prep_send_set_addr(sqe, (struct sockaddr *)&sin,
					    sizeof(sin));
	}
	EXPECT_EQ(-EACCES, submit_and_wait(&ring));
	snprintf(opid, sizeof(opid), "origin_pid=%s", self->pid);
	WAIT_RECORD(&rec, msg ? "opcode=sendmsg" : "opcode=send", opid,
		    "decision=deny", "result=-13");
	EXPECT_TRUE(op_has(&rec, "connect"));
	close(fd);
	close(lfd);
	close(sv[0]);
	close(sv[1]);
	io_uring_queue_exit(&ring);
}

TEST_F(escapes, send_fastopen_decided_as_connect)
{
	fastopen_is_connect(_metadata, self, false);
}

TEST_F(escapes, sendmsg_fastopen_decided_as_connect)
{
	fastopen_is_connect(_metadata, self, true);
}

/* Two rings; @files: a registered file in the first, a free slot in the
 * second. */
static int two_rings(struct io_uring *r1, struct io_uring *r2, const char *path,
		     bool files)
{
	int fd;

	if (io_uring_queue_init(4, r1, 0) || io_uring_queue_init(4, r2, 0))
		return -EINVAL;
	if (!files)
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (io_uring_register_files(r1, &fd, 1) ||
	    io_uring_register_files_sparse(r2, 1))
		return -EBADF;
	close(fd);
	return 0;
}

/* A MSG_RING that sends the first ring's file 0 to the second's slot 0. */
static void prep_send_fd(struct io_uring_sqe *sqe, int target)
{
	io_uring_prep_rw(IORING_OP_MSG_RING, sqe, target,
			 (void *)IORING_MSG_SEND_FD, 0, 0x77);
	sqe->addr3 = 0;
	sqe->file_index = 1;
}

/*
 * A MSG_RING without a file is recorded with the ring it targets: the same
 * id as the record of an op of that ring says ring=.
 * (Before ring ids were a keyed hash, %p printed "(____ptrval____)" for
 * every ring until the random pool was ready: this test failed.)
 */
TEST_F(escapes, msg_ring_recorded_with_target_ring)
{
	char opid[32], r1[64], r2[64], target[64];
	struct audit_record rec;
	struct io_uring ring1, ring2;

	ASSERT_EQ(0, two_rings(&ring1, &ring2, NULL, false));
	ASSERT_EQ(0, load_policy("audit opcode=msg_ring,nop\n"));
	snprintf(opid, sizeof(opid), "origin_pid=%s", self->pid);
	ASSERT_EQ(0, nop(&ring2));
	WAIT_RECORD(&rec, "opcode=nop", opid);
	ASSERT_TRUE(field_get(rec.text, "ring", r2, sizeof(r2)));
	ASSERT_EQ(0, nop(&ring1));
	WAIT_RECORD(&rec, "opcode=nop", opid);
	ASSERT_TRUE(field_get(rec.text, "ring", r1, sizeof(r1)));
	/* Two rings, two ids. */
	EXPECT_STRNE(r1, r2);

	io_uring_prep_msg_ring(io_uring_get_sqe(&ring1), ring2.ring_fd, 0,
			       0x1234, 0);
	EXPECT_EQ(0, submit_and_wait(&ring1));
	EXPECT_EQ(0, wait_ud(&ring2, 0x1234, NULL));
	WAIT_RECORD(&rec, "opcode=msg_ring", opid, "decision=audit",
		    "result=0");
	ASSERT_TRUE(field_get(rec.text, "target_ring", target, sizeof(target)));
	EXPECT_STREQ(r2, target);
	EXPECT_TRUE(field_get(rec.text, "ring", target, sizeof(target)));
	EXPECT_STREQ(r1, target);
	EXPECT_EQ(NULL, strstr(rec.text, " path="));
	io_uring_queue_exit(&ring1);
	io_uring_queue_exit(&ring2);
}

/* The file a MSG_RING passes is in its record. */
TEST_F(escapes, msg_ring_send_fd_recorded_with_file)
{
	struct audit_record rec;
	struct io_uring ring1, ring2;
	char opid[32], val[PATH_MAX];

	ASSERT_EQ(0, two_rings(&ring1, &ring2, self->path, true));
	ASSERT_EQ(0, load_policy("audit op=msg_ring\n"));
	prep_send_fd(io_uring_get_sqe(&ring1), ring2.ring_fd);
	EXPECT_EQ(0, submit_and_wait(&ring1));
	EXPECT_EQ(0, wait_ud(&ring2, 0x77, NULL));
	snprintf(opid, sizeof(opid), "origin_pid=%s", self->pid);
	WAIT_RECORD(&rec, "opcode=msg_ring", opid, "decision=audit",
		    "result=0");
	EXPECT_TRUE(op_has(&rec, "msg_ring"));
	EXPECT_TRUE(field_get(rec.text, "target_ring", val, sizeof(val)));
	ASSERT_TRUE(field_get(rec.text, "path", val, sizeof(val)));
	EXPECT_STREQ(self->path, val);
	io_uring_queue_exit(&ring1);
	io_uring_queue_exit(&ring2);
}

/*
 * "deny op=msg_ring" denies passing a file; "deny op=msg_ring path=DIR"
 * denies passing a file of DIR, and lets a message without a file go.
 * The target's slot stays empty.
 */
TEST_F(escapes, msg_ring_send_fd_denied)
{
	struct audit_record rec;
	struct io_uring ring1, ring2;
	char policy[128], opid[32];
	struct io_uring_sqe *sqe;

	ASSERT_EQ(0, two_rings(&ring1, &ring2, self->path, true));
	snprintf(opid, sizeof(opid), "origin_pid=%s", self->pid);
	ASSERT_EQ(0, load_policy("deny op=msg_ring\n"));
	prep_send_fd(io_uring_get_sqe(&ring1), ring2.ring_fd);
	EXPECT_EQ(-EACCES, submit_and_wait(&ring1));
	WAIT_RECORD(&rec, "opcode=msg_ring", opid, "decision=deny",
		    "result=-13");

	snprintf(policy, sizeof(policy), "deny op=msg_ring path=%s\n",
		 self->dir);
	ASSERT_EQ(0, load_policy(policy));
	prep_send_fd(io_uring_get_sqe(&ring1), ring2.ring_fd);
	EXPECT_EQ(-EACCES, submit_and_wait(&ring1));
	WAIT_RECORD(&rec, "opcode=msg_ring", opid, "decision=deny",
		    "result=-13");
	EXPECT_NE(NULL, strstr(rec.text, " path=\""));
	io_uring_prep_msg_ring(io_uring_get_sqe(&ring1), ring2.ring_fd, 0,
			       0x1234, 0);
	EXPECT_EQ(0, submit_and_wait(&ring1));
	EXPECT_EQ(0, wait_ud(&ring2, 0x1234, NULL));

	/* Nothing reached the target's table. */
	sqe = io_uring_get_sqe(&ring2);
	io_uring_prep_rw(IORING_OP_FIXED_FD_INSTALL, sqe, 0, NULL, 0, 0);
	sqe->flags = IOSQE_FIXED_FILE;
	EXPECT_EQ(-EBADF, submit_and_wait(&ring2));
	io_uring_queue_exit(&ring1);
	io_uring_queue_exit(&ring2);
}

TEST_HARNESS_MAIN
