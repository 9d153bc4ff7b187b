// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - What records say: origin after renames, the audit events
 * they join, the kernel log when audit is off, and what is never recorded.
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

FIXTURE(records)
{
	int audit_fd;
	char pid[16];
	char dir[64];
};

FIXTURE_SETUP(records)
{
	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	reset_uringaudit();
	snprintf(self->pid, sizeof(self->pid), "%d", getpid());
	snprintf(self->dir, sizeof(self->dir), "/tmp/records.%d", getpid());
	ASSERT_EQ(0, mkdir(self->dir, 0700));
	self->audit_fd = audit_open();
	ASSERT_LE(0, self->audit_fd);
}

FIXTURE_TEARDOWN(records)
{
	char cmd[96];

	if (!uringaudit_expected())
		return;
	reset_uringaudit();
	close(self->audit_fd);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", self->dir);
	if (system(cmd))
		TH_LOG("Failed to remove \"%s\"", self->dir);
}

static int wait_op(int fd, const char *op, const char *pid,
		   struct audit_record *rec)
{
	return audit_wait_op(fd, rec, op, NULL, pid);
}

struct typed_record {
	int type;
	unsigned long serial;
	const char *text;
};

static bool is_typed_record(const struct audit_record *rec, const void *arg)
{
	const struct typed_record *want = arg;

	return rec->type == want->type &&
	       (!want->serial || rec->serial == want->serial) &&
	       (!want->text || strstr(rec->text, want->text));
}

/* Wait for a record of @type with @serial. */
static int wait_serial(int fd, int type, unsigned long serial,
		       struct audit_record *rec)
{
	const struct typed_record want = { type, serial, NULL };

	return audit_wait(fd, rec, is_typed_record, &want);
}

/*
 * Open an existing file through @ring: without O_CREAT, the open completes
 * where it is issued (O_CREAT would send it to io-wq).
 */
static int ring_open(struct io_uring *ring, unsigned int sqe_flags,
		     const char *path)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
	int ret;

	if (mknod(path, S_IFREG | 0600, 0) && errno != EEXIST)
		return -errno;
	io_uring_prep_openat(sqe, AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
	io_uring_sqe_set_flags(sqe, sqe_flags);
	ret = submit_and_wait(ring);
	if (ret >= 0)
		close(ret);
	return ret;
}

TEST_F(records, sqpoll_origin_survives_renames)
{
	struct io_uring_params p = { .flags = IORING_SETUP_SQPOLL,
				     .sq_thread_idle = 1000 };
	char path[128], exe[PATH_MAX], val[PATH_MAX], names[1024];
	struct audit_record rec;
	struct io_uring ring;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	ASSERT_LT(0, n);
	exe[n] = '\0';
	ASSERT_EQ(0, load_policy("audit op=open ctx=sqpoll\n"));
	ASSERT_EQ(0, io_uring_queue_init_params(4, &ring, &p));
	ASSERT_EQ(0, nop(&ring));

	/* The process and its SQPOLL thread both take other names. */
	ASSERT_EQ(0, prctl(PR_SET_NAME, "innocent", 0, 0, 0));
	{
		char comm[32], line[300];
		struct dirent *de;
		DIR *dir = opendir("/proc/self/task");

		ASSERT_NE(NULL, dir);
		while ((de = readdir(dir))) {
			snprintf(line, sizeof(line), "/proc/self/task/%s/comm",
				 de->d_name);
			if (read_text(line, comm, sizeof(comm)) > 0 &&
			    !strncmp(comm, "iou-sqp-", 8))
				ASSERT_EQ(0, write_file(line, "kworker/0:1"));
		}
		closedir(dir);
	}
	thread_names(names, sizeof(names));
	TH_LOG("threads now: %s", names);

	snprintf(path, sizeof(path), "%s/f", self->dir);
	ASSERT_LE(0, ring_open(&ring, 0, path));
	ASSERT_EQ(0, wait_op(self->audit_fd, "open", self->pid, &rec));
	TH_LOG("record: %s", rec.text);
	EXPECT_TRUE(field_is(rec.text, "ctx", "sqpoll"));
	EXPECT_TRUE(field_is(rec.text, "comm", "\"kworker/0:1\""));
	ASSERT_TRUE(field_get(rec.text, "origin_comm", val, sizeof(val)));
	EXPECT_STREQ("records_test", val);
	ASSERT_TRUE(field_get(rec.text, "origin_exe", val, sizeof(val)));
	EXPECT_STREQ(exe, val);
	io_uring_queue_exit(&ring);
}

/* @s in upper-case hex, as audit writes a string it cannot quote. */
static void to_hex(const char *s, char *out)
{
	for (; *s; s++, out += 2)
		sprintf(out, "%02X", (unsigned char)*s);
	*out = '\0';
}

/*
 * A name with a space or a quote is written in hex, the way audit writes
 * it, and the record keeps every field after it.
 */
TEST_F(records, odd_names_in_hex)
{
	const char *name = "a b\"c";
	char path[128], want[300], child[16];
	struct audit_record rec;
	int status;
	pid_t pid;

	ASSERT_EQ(0, load_policy("audit op=open ctx=inline\n"));
	snprintf(path, sizeof(path), "%s/x y", self->dir);
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct io_uring ring;

		if (prctl(PR_SET_NAME, name, 0, 0, 0) ||
		    io_uring_queue_init(4, &ring, 0))
			_exit(1);
		_exit(ring_open(&ring, 0, path) < 0 ? 2 : 0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status));
	snprintf(child, sizeof(child), "%d", pid);
	ASSERT_EQ(0, wait_op(self->audit_fd, "open", child, &rec));
	TH_LOG("record: %s", rec.text);
	to_hex(name, want);
	EXPECT_TRUE(field_is(rec.text, "comm", want));
	EXPECT_TRUE(field_is(rec.text, "origin_comm", want));
	to_hex(path, want);
	EXPECT_TRUE(field_is(rec.text, "path", want));
	EXPECT_NE(NULL, strstr(rec.text, " ino="));
	EXPECT_NE(NULL, strstr(rec.text, " origin_exe=\""));
	EXPECT_TRUE(field_is(rec.text, "origin_uid", "0"));
	EXPECT_TRUE(field_is(rec.text, "res", "1"));
}

/* Inline, the record joins the io_uring_enter SYSCALL event. */
TEST_F(records, inline_joins_syscall_event)
{
	struct audit_record rec, sys;
	struct io_uring ring;
	char path[128];

	ASSERT_EQ(0, load_policy("audit op=open ctx=inline\n"));
	ASSERT_EQ(0, io_uring_queue_init(4, &ring, 0));
	snprintf(path, sizeof(path), "%s/f", self->dir);
	ASSERT_EQ(0, mknod(path, S_IFREG | 0600, 0));
	{
		struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
		int fd;

		io_uring_prep_openat(sqe, AT_FDCWD, path, O_RDONLY, 0);
		fd = submit_and_wait(&ring);
		ASSERT_LE(0, fd);
		close(fd);
	}
	ASSERT_EQ(0, wait_op(self->audit_fd, "open", self->pid, &rec));
	ASSERT_NE(0, rec.serial);
	ASSERT_EQ(0,
		  wait_serial(self->audit_fd, AUDIT_SYSCALL, rec.serial, &sys))
	{
		TH_LOG("no SYSCALL record with serial %lu", rec.serial);
	}
	EXPECT_TRUE(field_is(sys.text, "syscall", "426"))
	{
		TH_LOG("SYSCALL record: %s", sys.text);
	}
	io_uring_queue_exit(&ring);
}

/*
 * One record per op attempt: an open that truncates an existing file is
 * both an open and a truncate, and its one record lists both, with the
 * descriptor the CQE got.
 */
TEST_F(records, one_record_lists_every_class)
{
	struct io_uring_sqe *sqe;
	struct audit_record rec;
	struct io_uring ring;
	char path[128], ops[64], result[16], want[16];
	int fd;

	if (!uringaudit_precise())
		SKIP(return, "compat mode records each hook on its own");
	ASSERT_EQ(0, load_policy("audit op=open\naudit op=truncate\n"));
	ASSERT_EQ(0, io_uring_queue_init(4, &ring, 0));
	snprintf(path, sizeof(path), "%s/t", self->dir);
	ASSERT_EQ(0, mknod(path, S_IFREG | 0600, 0));
	ASSERT_EQ(0, write_file(path, "data"));
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_openat(sqe, AT_FDCWD, path, O_WRONLY | O_TRUNC, 0);
	fd = submit_and_wait(&ring);
	ASSERT_LE(0, fd);
	close(fd);
	ASSERT_EQ(0, wait_op(self->audit_fd, "truncate", self->pid, &rec));
	ASSERT_TRUE(field_get(rec.text, "op", ops, sizeof(ops)));
	EXPECT_STREQ("open,truncate", ops);
	EXPECT_TRUE(field_is(rec.text, "opcode", "openat"));
	snprintf(want, sizeof(want), "%d", fd);
	ASSERT_TRUE(field_get(rec.text, "result", result, sizeof(result)));
	EXPECT_STREQ(want, result);
	io_uring_queue_exit(&ring);
}

/* On io-wq, the record of an op the kernel audits joins its URINGOP. */
TEST_F(records, iowq_joins_uringop_event)
{
	struct audit_record rec, op;
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	char path[128];

	ASSERT_EQ(0, load_policy("audit op=mkdir\n"));
	ASSERT_EQ(0, io_uring_queue_init(4, &ring, 0));
	snprintf(path, sizeof(path), "%s/d", self->dir);
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_mkdirat(sqe, AT_FDCWD, path, 0700);
	ASSERT_EQ(0, submit_and_wait(&ring));
	ASSERT_EQ(0, wait_op(self->audit_fd, "mkdir", self->pid, &rec));
	EXPECT_TRUE(field_is(rec.text, "ctx", "iowq"));
	ASSERT_EQ(0,
		  wait_serial(self->audit_fd, AUDIT_URINGOP, rec.serial, &op))
	{
		TH_LOG("no URINGOP record with serial %lu", rec.serial);
	}
	io_uring_queue_exit(&ring);
}

/*
 * Plain system calls are never decided on, even under "default deny"; a
 * recorded io_uring setup afterwards proves no record came before it.
 */
TEST_F(records, syscalls_never_recorded_or_denied)
{
	struct audit_record rec;
	struct io_uring ring;
	char path[128], buf[4];
	int fd, sv[2];
	long deadline;

	ASSERT_EQ(0, load_policy("default deny\n"));
	snprintf(path, sizeof(path), "%s/f", self->dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	ASSERT_LE(0, fd);
	EXPECT_EQ(4, write(fd, "data", 4));
	EXPECT_EQ(4, pread(fd, buf, 4, 0));
	EXPECT_EQ(0, ftruncate(fd, 0));
	close(fd);
	EXPECT_EQ(0, unlink(path));
	EXPECT_EQ(0, mkdir(path, 0700));
	EXPECT_EQ(0, rmdir(path));
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	EXPECT_EQ(4, send(sv[0], "ping", 4, 0));
	EXPECT_EQ(4, recv(sv[1], buf, 4, 0));
	close(sv[0]);
	close(sv[1]);

	/* The marker: setting up a ring is an io_uring event, denied. */
	EXPECT_EQ(-EACCES, io_uring_queue_init(4, &ring, 0));
	deadline = now_ms() + AUDIT_WAIT_MS;
	for (;;) {
		ASSERT_EQ(0, audit_next(self->audit_fd, &rec, deadline));
		if (rec.type != AUDIT_URINGAUDIT ||
		    !field_is(rec.text, "origin_pid", self->pid))
			continue;
		if (field_is(rec.text, "op", "setup"))
			break;
		TH_LOG("record of a plain syscall: %s", rec.text);
		EXPECT_TRUE(false);
	}
}

static int audit_set_enabled(int enabled)
{
	struct {
		struct nlmsghdr nlh;
		struct audit_status s;
	} req = {
		.nlh = {
			.nlmsg_len = sizeof(req),
			.nlmsg_type = AUDIT_SET,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
		},
		.s = { .mask = AUDIT_STATUS_ENABLED, .enabled = enabled },
	};
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	char ack[256];
	int fd, ret = 0;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (fd < 0)
		return -errno;
	if (sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) < 0 ||
	    recv(fd, ack, sizeof(ack), 0) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* With audit off, the same record goes to the kernel log. */
TEST_F(records, kernel_log_when_audit_off)
{
	char want[64], type[32], line[2048], path[128];
	struct io_uring ring;
	bool found = false;
	int kmsg;
	ssize_t n;

	snprintf(type, sizeof(type), "uringaudit: type=%d ", AUDIT_URINGAUDIT);
	ASSERT_EQ(0, load_policy("audit op=open ctx=inline\n"));
	ASSERT_EQ(0, io_uring_queue_init(4, &ring, 0));
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_LE(0, kmsg);
	ASSERT_LE(0, lseek(kmsg, 0, SEEK_END));
	ASSERT_EQ(0, audit_set_enabled(0));
	snprintf(path, sizeof(path), "%s/f", self->dir);
	EXPECT_LE(0, ring_open(&ring, 0, path));
	EXPECT_EQ(0, audit_set_enabled(1));

	/* printk stored the line before the op completed: read it all. */
	snprintf(want, sizeof(want), " origin_pid=%s ", self->pid);
	while ((n = read(kmsg, line, sizeof(line) - 1)) > 0) {
		line[n] = '\0';
		if (strstr(line, type) &&
		    strstr(line, " op=open ctx=inline ") &&
		    strstr(line, want)) {
			TH_LOG("kernel log: %s", line);
			found = true;
		}
	}
	EXPECT_TRUE(found);
	close(kmsg);
	io_uring_queue_exit(&ring);
}

/*
 * Work a normal ring runs as task_work on the way back from another system
 * call: here a recv waits for data, and the write(2) that brings it runs
 * the recv, then the open linked to it, on its way back to user space.  In
 * precise mode the open is decided there, as taskwork.  In compat mode
 * nothing tells that work from the system call it follows: the open
 * escapes "deny op=open" (the documented limitation).  A ring with
 * IORING_SETUP_DEFER_TASKRUN runs that work inside io_uring_enter(2).
 */
static int linked_open_after_wakeup(struct __test_metadata *_metadata,
				    unsigned int flags, const char *path)
{
	struct io_uring_cqe *cqe;
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	static char buf[4];
	int sv[2], i, res = -ENODATA;

	if (io_uring_queue_init(4, &ring, flags))
		return -EINVAL;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		return -errno;
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_recv(sqe, sv[1], buf, sizeof(buf), 0);
	io_uring_sqe_set_flags(sqe, IOSQE_IO_LINK);
	sqe->user_data = 1;
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_openat(sqe, AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
	sqe->user_data = 2;
	EXPECT_EQ(2, io_uring_submit(&ring));
	EXPECT_EQ(4, write(sv[0], "ping", 4));
	for (i = 0; i < 2; i++) {
		if (io_uring_wait_cqe(&ring, &cqe))
			break;
		if (cqe->user_data == 2)
			res = cqe->res;
		io_uring_cqe_seen(&ring, cqe);
	}
	if (res >= 0)
		close(res);
	close(sv[0]);
	close(sv[1]);
	io_uring_queue_exit(&ring);
	return res;
}

TEST_F(records, task_work_after_other_syscall)
{
	struct audit_record rec;
	char path[128];

	snprintf(path, sizeof(path), "%s/f", self->dir);
	ASSERT_EQ(0, mknod(path, S_IFREG | 0600, 0));
	ASSERT_EQ(0, load_policy("deny op=open\n"));
	if (!uringaudit_precise()) {
		/* Compat mode: the escape, as documented. */
		EXPECT_LE(0, linked_open_after_wakeup(_metadata, 0, path));
		return;
	}
	EXPECT_EQ(-EACCES, linked_open_after_wakeup(_metadata, 0, path));
	ASSERT_EQ(0, wait_op(self->audit_fd, "open", self->pid, &rec));
	EXPECT_TRUE(field_is(rec.text, "ctx", "taskwork"));
	EXPECT_TRUE(field_is(rec.text, "opcode", "openat"));
	EXPECT_TRUE(field_is(rec.text, "result", "-13"));
}

TEST_F(records, defer_taskrun_ring_mediated)
{
	struct audit_record rec;
	char path[128];

	snprintf(path, sizeof(path), "%s/f", self->dir);
	ASSERT_EQ(0, mknod(path, S_IFREG | 0600, 0));
	ASSERT_EQ(0, load_policy("deny op=open\n"));
	EXPECT_EQ(-EACCES,
		  linked_open_after_wakeup(_metadata,
					   IORING_SETUP_SINGLE_ISSUER |
						   IORING_SETUP_DEFER_TASKRUN,
					   path));
	ASSERT_EQ(0, wait_op(self->audit_fd, "open", self->pid, &rec));
	EXPECT_TRUE(field_is(rec.text, "ctx",
			     uringaudit_precise() ? "taskwork" : "inline"));
}

/*
 * An open whose lookup fails reaches no file hook: it is decided when its
 * issue ends, and recorded with the CQE's result.  The name is not in the
 * dentry cache, so the inline attempt goes on to io-wq, where the lookup
 * fails.  Compat mode sees no
 * open that no file hook shows.
 */
TEST_F(records, open_of_missing_file_recorded)
{
	struct audit_record rec;
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char path[128];

	if (!uringaudit_precise())
		SKIP(return, "compat mode sees opens only at file_open");
	snprintf(path, sizeof(path), "%s/missing", self->dir);
	ASSERT_EQ(0, load_policy("audit op=open\n"));
	ASSERT_EQ(0, io_uring_queue_init(4, &ring, 0));
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_openat(sqe, AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
	EXPECT_EQ(-ENOENT, submit_and_wait(&ring));
	/* The inline attempt went on to io-wq (-EAGAIN): one record. */
	ASSERT_EQ(0, wait_op(self->audit_fd, "open", self->pid, &rec));
	EXPECT_TRUE(field_is(rec.text, "decision", "audit"));
	EXPECT_TRUE(field_is(rec.text, "result", "-2"))
	{
		TH_LOG("record: %s", rec.text);
	}
	io_uring_queue_exit(&ring);
}

/*
 * A request issued again after -EAGAIN has one record, with its result,
 * where it ran last, its attempts and where it was issued first: a tmpfs
 * file cannot be read without blocking, so a read issued inline or on the
 * SQPOLL thread goes on to io-wq.  No record says -EAGAIN.
 */
static void retried_read(struct __test_metadata *_metadata,
			 FIXTURE_DATA(records) * self, unsigned int setup,
			 const char *first)
{
	struct audit_record rec;
	struct io_uring ring;
	char path[128], buf[8];
	int fd, n;

	snprintf(path, sizeof(path), "%s/f", self->dir);
	ASSERT_EQ(0, mknod(path, S_IFREG | 0600, 0));
	ASSERT_EQ(0, write_file(path, "12345"));
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, load_policy("audit op=read\n"));
	ASSERT_EQ(0, io_uring_queue_init(4, &ring, setup));
	for (n = 0; n < 2; n++) {
		io_uring_prep_read(io_uring_get_sqe(&ring), fd, buf, 5, 0);
		EXPECT_EQ(5, submit_and_wait(&ring));
		ASSERT_EQ(0, wait_op(self->audit_fd, "read", self->pid, &rec));
		TH_LOG("record: %s", rec.text);
		EXPECT_TRUE(field_is(rec.text, "result", "5"));
		EXPECT_TRUE(field_is(rec.text, "ctx", "iowq"));
		EXPECT_TRUE(field_is(rec.text, "attempts", "2"));
		EXPECT_TRUE(field_is(rec.text, "first_ctx", first));
	}
	/* Nothing else: no record of an attempt that returned -EAGAIN. */
	EXPECT_NE(0, wait_op(self->audit_fd, "read", self->pid, &rec))
	{
		TH_LOG("another record: %s", rec.text);
	}
	io_uring_queue_exit(&ring);
	close(fd);
}

TEST_F(records, retried_read_recorded_once)
{
	if (!uringaudit_precise())
		SKIP(return, "compat mode records each hook");
	retried_read(_metadata, self, 0, "inline");
}

TEST_F(records, retried_sqpoll_read_recorded_once)
{
	if (!uringaudit_precise())
		SKIP(return, "compat mode records each hook");
	retried_read(_metadata, self, IORING_SETUP_SQPOLL, "sqpoll");
}

/*
 * The demo's "curing" program under "default audit": each of its SQPOLL
 * requests has one record, with its own result; the read and the write (of
 * tmpfs files, which io-wq issues again) and the connect (issued again at
 * a poll wake-up) say so with attempts=2.  None says -EAGAIN.
 */
TEST_F(records, curing_demo_one_record_per_request)
{
	static const char *const opcodes[] = { "openat",  "read", "socket",
					       "connect", "send", "write" };
	int seen[ARRAY_SIZE(opcodes)] = {}, status;
	char pid[16], val[64];
	struct audit_record rec;
	long deadline;
	pid_t child;
	size_t i;

	if (!uringaudit_precise())
		SKIP(return, "compat mode records each hook");
	ASSERT_EQ(0, load_policy("default audit\n"));
	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		execl("/tests/curing-demo", "curing-demo", "/etc/passwd",
		      "4457", NULL);
		_exit(99);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status));
	snprintf(pid, sizeof(pid), "%d", child);
	deadline = now_ms() + AUDIT_WAIT_MS;
	while (!audit_next(self->audit_fd, &rec, deadline)) {
		if (rec.type != AUDIT_URINGAUDIT ||
		    !field_is(rec.text, "origin_pid", pid) ||
		    !field_get(rec.text, "opcode", val, sizeof(val)))
			continue;
		TH_LOG("record: %s", rec.text);
		EXPECT_FALSE(field_is(rec.text, "result", "-11"));
		for (i = 0; i < ARRAY_SIZE(opcodes); i++)
			if (!strcmp(val, opcodes[i]))
				seen[i]++;
		if (!strcmp(val, "read") || !strcmp(val, "connect") ||
		    !strcmp(val, "write"))
			EXPECT_TRUE(field_is(rec.text, "attempts", "2"));
	}
	/* Two opens (the secret, the implant); one of everything else. */
	for (i = 0; i < ARRAY_SIZE(opcodes); i++)
		EXPECT_EQ(strcmp(opcodes[i], "openat") ? 1 : 2, seen[i])
		{
			TH_LOG("%d records of %s", seen[i], opcodes[i]);
		}
}

/*
 * An open that would create its file, refused by a rule on the subject,
 * is refused before it creates anything.  Compat mode decides an open at
 * file_open, after the file was created (a documented limitation).
 */
TEST_F(records, refused_create_leaves_no_file)
{
	struct io_uring ring;
	struct io_uring_sqe *sqe;
	char path[128];

	snprintf(path, sizeof(path), "%s/created", self->dir);
	ASSERT_EQ(0, load_policy("deny op=open uid=0\n"));
	ASSERT_EQ(0, io_uring_queue_init(4, &ring, 0));
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_openat(sqe, AT_FDCWD, path,
			     O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	EXPECT_EQ(-EACCES, submit_and_wait(&ring));
	io_uring_queue_exit(&ring);
	/* The name is decided before it is made (path_mknod): no file. */
	EXPECT_EQ(-1, access(path, F_OK));
}

/*
 * A file @path in @dir and a symbolic link @link to it whose access time
 * (1970) whoever follows it must update: a lookup under RCU cannot, so an
 * inline io_uring open through it goes on to io-wq.
 * Return: 0, or -errno.
 */
static int stale_link(const char *dir, char *path, char *link, size_t size)
{
	const struct timespec long_ago[2] = { { .tv_sec = 1 },
					      { .tv_nsec = UTIME_OMIT } };

	snprintf(path, size, "%s/f", dir);
	snprintf(link, size, "%s/l", dir);
	if (mknod(path, S_IFREG | 0600, 0) || symlink(path, link) ||
	    utimensat(AT_FDCWD, link, long_ago, AT_SYMLINK_NOFOLLOW))
		return -errno;
	return 0;
}

/*
 * An open submitted inline whose lookup cannot finish without blocking
 * fails its inline issue with -EAGAIN, and io_uring issues it again on
 * io-wq.  Here the lookup follows a symbolic link whose access time must
 * be updated, which a lookup under RCU (LOOKUP_CACHED) cannot do.  The
 * open is decided where it runs, denied and recorded as ctx=iowq with its
 * originator: the kernel's hand-off is no way around a rule.
 */
TEST_F(records, inline_open_handed_to_iowq_decided_there)
{
	struct audit_record rec;
	struct io_uring ring;
	char path[128], link[128], rule[192];

	ASSERT_EQ(0, stale_link(self->dir, path, link, sizeof(path)));
	/* A rule on the file: only the open itself can tell. */
	snprintf(rule, sizeof(rule), "deny op=open path=%s\n", path);
	ASSERT_EQ(0, load_policy(rule));
	ASSERT_EQ(0, io_uring_queue_init(4, &ring, 0));
	EXPECT_EQ(-EACCES, ring_open(&ring, 0, link));
	ASSERT_EQ(0, wait_op(self->audit_fd, "open", self->pid, &rec));
	EXPECT_TRUE(field_is(rec.text, "ctx", "iowq"))
	{
		TH_LOG("record: %s", rec.text);
	}
	EXPECT_TRUE(field_is(rec.text, "decision", "deny"));
	EXPECT_TRUE(field_is(rec.text, "origin_pid", self->pid));
	io_uring_queue_exit(&ring);
}

/*
 * The same hand-off under a rule on the subject only: the inline attempt
 * reached no file and did nothing, and is retried on io-wq.  The open is
 * decided once, where it runs: its first record is the refusal on io-wq,
 * none of the inline attempt comes before it.
 */
TEST_F(records, retried_open_recorded_once)
{
	struct audit_record rec;
	struct io_uring ring;
	char path[128], link[128];

	ASSERT_EQ(0, stale_link(self->dir, path, link, sizeof(path)));
	ASSERT_EQ(0, load_policy("deny op=open uid=0\n"));
	ASSERT_EQ(0, io_uring_queue_init(4, &ring, 0));
	EXPECT_EQ(-EACCES, ring_open(&ring, 0, link));
	ASSERT_EQ(0, wait_op(self->audit_fd, "open", self->pid, &rec));
	EXPECT_TRUE(field_is(rec.text, "ctx", "iowq"))
	{
		TH_LOG("first record: %s", rec.text);
	}
	EXPECT_TRUE(field_is(rec.text, "decision", "deny"));
	/* Compat mode records no result. */
	if (uringaudit_precise())
		EXPECT_TRUE(field_is(rec.text, "result", "-13"));
	io_uring_queue_exit(&ring);
}

/* Wait for a record of @type holding @text. */
static int wait_type(int fd, int type, const char *text,
		     struct audit_record *rec)
{
	const struct typed_record want = { type, 0, text };

	return audit_wait(fd, rec, is_typed_record, &want);
}

/*
 * kauditd delivers records after the fact: one emitted before this test
 * joined the group may still arrive, so each wait names what it expects.
 */
TEST_F(records, policy_loads_recorded)
{
	struct audit_record rec;

	ASSERT_EQ(0, load_policy("default audit\ndeny op=sqpoll\n"));
	ASSERT_EQ(0, wait_type(self->audit_fd, AUDIT_MAC_POLICY_LOAD,
			       " rules=1 unresolved=0 ", &rec));
	EXPECT_NE(NULL, strstr(rec.text, "policy_digest=sha256:"));
	EXPECT_NE(NULL, strstr(rec.text, " auid="));
	EXPECT_NE(NULL, strstr(rec.text, " ses="));
	EXPECT_TRUE(field_is(rec.text, "lsm", "uringaudit"));
	EXPECT_TRUE(field_is(rec.text, "res", "1"));

	EXPECT_EQ(-EBADMSG, load_policy("deny op=nope\n"));
	ASSERT_EQ(0, wait_type(self->audit_fd, AUDIT_MAC_POLICY_LOAD, " res=0",
			       &rec));
	EXPECT_TRUE(field_is(rec.text, "lsm", "uringaudit"));
	EXPECT_TRUE(field_is(rec.text, "errno", "-74"));
}

TEST_F(records, mode_changes_recorded)
{
	struct audit_record rec;

	ASSERT_EQ(0, set_mode("permissive"));
	ASSERT_EQ(0, wait_type(self->audit_fd, AUDIT_MAC_STATUS,
			       "enforcing=0 old_enforcing=1 ", &rec));
	EXPECT_TRUE(field_is(rec.text, "lsm", "uringaudit"));
	EXPECT_TRUE(field_is(rec.text, "res", "1"));
	ASSERT_EQ(0, set_mode("enforce"));
	ASSERT_EQ(0, wait_type(self->audit_fd, AUDIT_MAC_STATUS,
			       "enforcing=1 old_enforcing=0 ", &rec));
	EXPECT_TRUE(field_is(rec.text, "lsm", "uringaudit"));
}

TEST_HARNESS_MAIN
