// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - No silent loss of records.
 *
 * - 3000 audited reads submitted in one io_uring_enter(2), with the audit
 *   backlog limit at 64 (AUDIT_SET) and an audit daemon (a child of the
 *   test, registered with AUDIT_SET) reading: every read has its record
 *   (each read has its own length, so its record its own result=), and
 *   audit's lost counter (AUDIT_GET) and uringaudit's records_lost stay.
 * - "unrecorded deny": an op whose record cannot be written (the backlog
 *   full, backlog_wait_time 0, the daemon not reading) fails with -EACCES
 *   and is counted in records_lost and unrecorded_denied; under
 *   "unrecorded allow", the default, the same op runs, its record lost and
 *   counted in records_lost only.
 *
 * Audit's settings are restored after each test.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/limits.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "audit.h"
#include "common.h"

#define NR_READS 3000
#define MARKER "ua-loss-test-end"

struct audit_msg {
	struct nlmsghdr nlh;
	union {
		struct audit_status s;
		char text[8192];
	};
};

/*
 * Send @type with @len bytes of @data on @fd and read the answer: the ACK,
 * or for AUDIT_GET the status into @data.  Return: 0 or -errno.
 */
static int audit_request(int fd, int type, void *data, size_t len)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct audit_msg req = { 0 }, ans;
	struct nlmsgerr *err;
	ssize_t n;

	req.nlh.nlmsg_len = NLMSG_LENGTH(len);
	req.nlh.nlmsg_type = type;
	req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.nlh.nlmsg_seq = type;
	memcpy(NLMSG_DATA(&req.nlh), data, len);
	if (sendto(fd, &req, req.nlh.nlmsg_len, 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) < 0)
		return -errno;
	for (;;) {
		n = recv(fd, &ans, sizeof(ans), 0);
		if (n < 0)
			return -errno;
		if (!NLMSG_OK(&ans.nlh, (size_t)n) ||
		    ans.nlh.nlmsg_seq != (unsigned int)type)
			continue;
		if (ans.nlh.nlmsg_type == NLMSG_ERROR) {
			err = NLMSG_DATA(&ans.nlh);
			if (err->error || type != AUDIT_GET)
				return err->error;
			continue;
		}
		if (type == AUDIT_GET && ans.nlh.nlmsg_type == AUDIT_GET) {
			memcpy(data, &ans.s, sizeof(ans.s));
			return 0;
		}
	}
}

static int audit_socket(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);

	return fd < 0 ? -errno : fd;
}

static int audit_get(struct audit_status *s)
{
	int fd = audit_socket(), ret;

	if (fd < 0)
		return fd;
	memset(s, 0, sizeof(*s));
	ret = audit_request(fd, AUDIT_GET, s, sizeof(*s));
	close(fd);
	return ret;
}

/* AUDIT_SET of the fields @mask names, from @s. */
static int audit_set(unsigned int mask, const struct audit_status *s)
{
	struct audit_status set = *s;
	int fd = audit_socket(), ret;

	if (fd < 0)
		return fd;
	set.mask = mask;
	ret = audit_request(fd, AUDIT_SET, &set, sizeof(set));
	close(fd);
	return ret;
}

/* A user message in the audit stream: AUDIT_USER with @text. */
static int audit_user(const char *text)
{
	int fd = audit_socket(), ret;

	if (fd < 0)
		return fd;
	ret = audit_request(fd, AUDIT_USER, (void *)text, strlen(text) + 1);
	close(fd);
	return ret;
}

/* The value of "records_lost" (or @key) of the stats file. */
static long stat_value(const char *key)
{
	char buf[16384], want[64], *p;

	if (read_text(URINGAUDIT_DIR "/stats", buf, sizeof(buf)) < 0)
		return -1;
	snprintf(want, sizeof(want), "\n%s ", key);
	p = strstr(buf, want);
	return p ? strtol(p + strlen(want), NULL, 10) : -1;
}

FIXTURE(loss)
{
	struct audit_status saved;
	bool restore;
	pid_t daemon;
	int pipe[2];
	char pid[16];
	char path[64];
};

FIXTURE_SETUP(loss)
{
	self->restore = false;
	self->daemon = 0;
	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	reset_uringaudit();
	snprintf(self->pid, sizeof(self->pid), "%d", getpid());
	snprintf(self->path, sizeof(self->path), "/tmp/loss.%d", getpid());
	ASSERT_EQ(0, audit_get(&self->saved));
	self->restore = true;
	ASSERT_EQ(0, pipe2(self->pipe, O_CLOEXEC));
}

FIXTURE_TEARDOWN(loss)
{
	int status;

	if (!self->restore)
		return;
	if (self->daemon > 0) {
		kill(self->daemon, SIGKILL);
		waitpid(self->daemon, &status, 0);
	}
	if (audit_set(AUDIT_STATUS_BACKLOG_LIMIT |
			      AUDIT_STATUS_BACKLOG_WAIT_TIME,
		      &self->saved))
		TH_LOG("Failed to restore the audit backlog settings");
	reset_uringaudit();
	unlink(self->path);
}

/*
 * What the daemon counted, written to the pipe when it saw the marker;
 * first, its registration's result in marker (0 or -errno).
 */
struct tally {
	int records;
	int distinct;
	int other;
	int marker;
};

/*
 * The audit daemon: registers, tells the parent, and reads every record
 * until the marker, counting the records of @pid's reads by their result.
 * With @stall, it reads nothing, with a small receive buffer: audit's
 * queue backs up behind it.
 */
static void daemon_main(int out, const char *pid, bool stall)
{
	static bool seen[NR_READS + 1];
	struct audit_status s = { 0 };
	struct tally t = { 0 };
	struct audit_msg msg;
	char val[32], want[32];
	int fd, size = stall ? 0 : 64 << 20;
	long n;

	fd = audit_socket();
	if (fd < 0)
		_exit(1);
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		_exit(2);
	s.pid = getpid();
	/* A registered daemon that died is replaced; a live one is not. */
	t.marker =
		audit_request(fd, AUDIT_SET,
			      &(struct audit_status){ .mask = AUDIT_STATUS_PID,
						      .pid = s.pid },
			      sizeof(s));
	if (write(out, &t, sizeof(t)) != sizeof(t) || t.marker)
		_exit(4);
	if (stall)
		for (;;)
			pause();
	snprintf(want, sizeof(want), "%s", pid);
	for (;;) {
		n = recv(fd, &msg, sizeof(msg) - 1, 0);
		if (n < 0)
			_exit(5);
		if (!NLMSG_OK(&msg.nlh, (size_t)n))
			continue;
		((char *)&msg)[n] = '\0';
		if (msg.nlh.nlmsg_type == AUDIT_USER &&
		    strstr(msg.text, MARKER)) {
			t.marker = 1;
			break;
		}
		if (msg.nlh.nlmsg_type != AUDIT_URINGAUDIT ||
		    !field_is(msg.text, "origin_pid", want) ||
		    !(field_is(msg.text, "opcode", "read") ||
		      field_has(msg.text, "op", "read")))
			continue;
		/* Compat mode: no result=; count the records alone. */
		if (!field_get(msg.text, "result", val, sizeof(val))) {
			t.records++;
			continue;
		}
		/*
		 * An attempt that is retried (-EAGAIN: a tmpfs read is tried
		 * inline, then on io-wq) is not the read's result.
		 */
		n = strtol(val, NULL, 10);
		if (n < 1 || n > NR_READS) {
			t.other++;
			continue;
		}
		t.records++;
		if (!seen[n]) {
			seen[n] = true;
			t.distinct++;
		}
	}
	/* Unregister, as auditd does when it stops. */
	s.pid = 0;
	audit_request(fd, AUDIT_SET,
		      &(struct audit_status){ .mask = AUDIT_STATUS_PID },
		      sizeof(s));
	if (write(out, &t, sizeof(t)) != sizeof(t))
		_exit(6);
	_exit(0);
}

/* Start the daemon; return once it is registered. */
static int start_daemon(FIXTURE_DATA(loss) * self, bool stall)
{
	struct tally t;

	self->daemon = fork();
	if (self->daemon < 0)
		return -errno;
	if (!self->daemon)
		daemon_main(self->pipe[1], self->pid, stall);
	if (read(self->pipe[0], &t, sizeof(t)) != sizeof(t))
		return -ESRCH;
	return t.marker;
}

/* Start the daemon, or skip when another one is registered. */
#define START_DAEMON(stall)                                                 \
	do {                                                                \
		int __ret = start_daemon(self, stall);                      \
		if (__ret == -EEXIST)                                       \
			SKIP(return, "another audit daemon is registered"); \
		ASSERT_EQ(0, __ret);                                        \
	} while (0)

TEST_F_TIMEOUT(loss, reads_all_recorded_under_small_backlog, 120)
{
	struct audit_status s, before, after;
	struct io_uring_params p = { .flags = IORING_SETUP_CQSIZE,
				     .cq_entries = 2 * 4096 };
	static char buf[NR_READS], data[NR_READS];
	long lost_before, recorded_before;
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	struct tally t;
	int fd, i, bad = 0, status;

	memset(data, 'x', sizeof(data));
	fd = open(self->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	ASSERT_EQ(NR_READS, write(fd, data, NR_READS));
	ASSERT_EQ(0, io_uring_queue_init_params(4096, &ring, &p));
	ASSERT_EQ(0, load_policy(uringaudit_precise() ?
					 "audit opcode=read\n" :
					 "audit op=read ctx=inline,iowq\n"));

	START_DAEMON(false);
	s = self->saved;
	s.backlog_limit = 64;
	ASSERT_EQ(0, audit_set(AUDIT_STATUS_BACKLOG_LIMIT, &s));
	ASSERT_EQ(0, audit_get(&before));
	EXPECT_EQ(64, before.backlog_limit);
	lost_before = stat_value("records_lost");
	recorded_before = stat_value("records");

	/* Read i + 1 bytes: the result tells the reads apart. */
	for (i = 0; i < NR_READS; i++)
		io_uring_prep_read(io_uring_get_sqe(&ring), fd, buf, i + 1, 0);
	ASSERT_EQ(NR_READS, io_uring_submit(&ring));
	for (i = 0; i < NR_READS; i++) {
		ASSERT_EQ(0, io_uring_wait_cqe(&ring, &cqe));
		if (cqe->res <= 0)
			bad++;
		io_uring_cqe_seen(&ring, cqe);
	}
	EXPECT_EQ(0, bad);

	ASSERT_EQ(0, audit_user(MARKER));
	ASSERT_EQ((ssize_t)sizeof(t), read(self->pipe[0], &t, sizeof(t)));
	ASSERT_EQ(self->daemon, waitpid(self->daemon, &status, 0));
	self->daemon = 0;
	EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status));
	ASSERT_EQ(0, audit_get(&after));
	TH_LOG("records of reads %d, distinct results %d, retried attempts %d; "
	       "lost %u -> %u; backlog waits %u -> %u",
	       t.records, t.distinct, t.other, before.lost, after.lost,
	       before.backlog_wait_time_actual, after.backlog_wait_time_actual);
	EXPECT_EQ(1, t.marker);
	EXPECT_EQ(NR_READS, t.records);
	if (uringaudit_precise()) {
		EXPECT_EQ(NR_READS, t.distinct);
		/* A read retried on io-wq has one record, its result's. */
		EXPECT_EQ(0, t.other);
	}
	EXPECT_EQ(before.lost, after.lost);
	EXPECT_EQ(lost_before, stat_value("records_lost"));
	EXPECT_LE(recorded_before + NR_READS, stat_value("records"));
	io_uring_queue_exit(&ring);
	close(fd);
}

/* Run a NOP (an open in compat mode) on @ring: 0 when it ran, or -errno. */
static int audited_op(struct io_uring *ring, const char *path)
{
	int res;

	if (uringaudit_precise())
		return nop(ring);
	io_uring_prep_openat(io_uring_get_sqe(ring), AT_FDCWD, path,
			     O_RDONLY | O_CLOEXEC, 0);
	res = submit_and_wait(ring);
	if (res >= 0)
		close(res);
	return res < 0 ? res : 0;
}

/*
 * With the daemon reading nothing, audit's queue backs up: user messages
 * (which audit queues whatever the limit) pile up past a backlog limit of
 * 1, and a record made then cannot be queued.  Tried until an op's record
 * was lost (records_lost counts it); return that op's res, or 1 when none
 * was.
 */
static int op_with_full_backlog(struct io_uring *ring, const char *path)
{
	int i, j, res;

	for (i = 0; i < 40; i++) {
		long lost = stat_value("records_lost");

		for (j = 0; j < 4; j++)
			audit_user("ua-loss-test filler");
		res = audited_op(ring, path);
		if (stat_value("records_lost") > lost)
			return res;
	}
	return 1;
}

/*
 * "unrecorded deny": the op whose record cannot be written fails with
 * -EACCES; "unrecorded allow": it runs.  Both are counted in records_lost.
 */
TEST_F(loss, unrecorded_deny_denies_op_without_record)
{
	const char *audit_op = uringaudit_precise() ? "audit opcode=nop\n" :
						      "audit op=open\n";
	char policy[64];
	struct audit_status s;
	struct io_uring ring;
	long lost, denied;
	int fd;

	fd = open(self->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, io_uring_queue_init(4, &ring, 0));
	snprintf(policy, sizeof(policy), "unrecorded deny\n%s", audit_op);
	ASSERT_EQ(0, load_policy(policy));
	/* While records can be written, the op runs. */
	lost = stat_value("records_lost");
	EXPECT_EQ(0, audited_op(&ring, self->path));
	EXPECT_EQ(lost, stat_value("records_lost"));

	START_DAEMON(true);
	s = self->saved;
	s.backlog_limit = 1;
	s.backlog_wait_time = 0;
	ASSERT_EQ(0, audit_set(AUDIT_STATUS_BACKLOG_LIMIT |
				       AUDIT_STATUS_BACKLOG_WAIT_TIME,
			       &s));
	denied = stat_value("unrecorded_denied");
	EXPECT_EQ(-EACCES, op_with_full_backlog(&ring, self->path));
	EXPECT_EQ(denied + 1, stat_value("unrecorded_denied"));

	ASSERT_EQ(0, load_policy(audit_op));
	denied = stat_value("unrecorded_denied");
	EXPECT_EQ(0, op_with_full_backlog(&ring, self->path));
	EXPECT_EQ(denied, stat_value("unrecorded_denied"));
	io_uring_queue_exit(&ring);
}

TEST_HARNESS_MAIN
