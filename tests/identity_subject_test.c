// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - auid= and cgroup= name the submitter as it is when it
 * submits, and a value that cannot be resolved fails closed.
 *
 * - auid: an io-wq worker and an SQ thread started while their process had
 *   no login user ID run the process's next ops with the ID it set since.
 * - cgroup: "deny op=open cgroup=/uatest/a" denies a process in a, not in
 *   b, and a process moved from b to a afterwards, with its SQPOLL thread
 *   and io-wq workers (io threads move with their process).
 * - Fail closed (fail_uringaudit in debugfs, task-filtered to the child):
 *   a deny rule on a path or a cgroup that cannot be resolved denies, with
 *   reason="path:..." or "cgroup:..."; an allow rule on a path that cannot
 *   be resolved does not allow, and the default decides.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/limits.h>
#include <sys/statfs.h>

#include "kselftest_harness.h"
#include "identity.h"

#define IDS "/tmp/ids"
#define SECRET IDS "/secret-dir"
#define OTHER_FILE IDS "/file"
#define CGROOT "/sys/fs/cgroup"
#define CG CGROOT "/uatest"
#define FAIL "/sys/kernel/debug/fail_uringaudit"
#define CGROUP2_SUPER_MAGIC 0x63677270

/* Put process @pid (0: the caller) into cgroup @cg under CG. */
static int cg_enter(const char *cg, pid_t pid)
{
	char path[PATH_MAX], text[16];

	snprintf(path, sizeof(path), "%s/%s/cgroup.procs", CG, cg);
	snprintf(text, sizeof(text), "%d", pid ? pid : getpid());
	return write_file(path, text);
}

FIXTURE(subject)
{
	int audit_fd;
};

FIXTURE_SETUP(subject)
{
	struct statfs sfs;

	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	reset_uringaudit();
	idt_rm_rf(IDS);
	ASSERT_EQ(0, mkdir(IDS, 0755));
	ASSERT_EQ(0, mkdir(SECRET, 0755));
	ASSERT_EQ(0, idt_make_file(SECRET "/file", 0644));
	ASSERT_EQ(0, idt_make_file(OTHER_FILE, 0644));

	if (statfs(CGROOT, &sfs) || sfs.f_type != CGROUP2_SUPER_MAGIC)
		ASSERT_EQ(0, mount("cgroup2", CGROOT, "cgroup2", 0, NULL));
	rmdir(CG "/a");
	rmdir(CG "/b");
	rmdir(CG);
	ASSERT_EQ(0, mkdir(CG, 0755));
	ASSERT_EQ(0, mkdir(CG "/a", 0755));
	ASSERT_EQ(0, mkdir(CG "/b", 0755));

	self->audit_fd = audit_open();
	ASSERT_LE(0, self->audit_fd);
}

FIXTURE_TEARDOWN(subject)
{
	if (!uringaudit_expected())
		return;
	if (!access(FAIL, F_OK))
		write_file(FAIL "/probability", "0");
	reset_uringaudit();
	close(self->audit_fd);
	idt_rm_rf(IDS);
	rmdir(CG "/a");
	rmdir(CG "/b");
	rmdir(CG);
}

/* Run one open of @path, inline or on io-wq, through @ring. */
static int ring_open(struct io_uring *ring, const char *path, bool async)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
	int ret;

	io_uring_prep_openat(sqe, AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
	if (async)
		sqe->flags |= IOSQE_ASYNC;
	ret = submit_and_wait(ring);
	if (ret >= 0) {
		close(ret);
		ret = 0;
	}
	return ret;
}

/*
 * auid from the submitter at submission: the io-wq worker and the SQ thread
 * that ran ops while the loginuid was unset run the next ones as auid 1000.
 */
TEST_F(subject, auid_read_from_submitter_at_submission)
{
	static const char *const ctxs[] = { "iowq", "sqpoll" };
	char tid[2][32], text[32];
	struct audit_record rec;
	int code, i;
	pid_t pid;

	ASSERT_LT(0, read_text("/proc/self/loginuid", text, sizeof(text)));
	if (strcmp(text, "4294967295"))
		SKIP(return, "the loginuid of this test is set: %s", text);
	ASSERT_EQ(0, load_policy("deny auid=1000 op=open\naudit op=open\n"));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		struct io_uring_params p = { .flags = IORING_SETUP_SQPOLL,
					     .sq_thread_idle = 5000 };
		struct io_uring ring, sq;

		if (io_uring_queue_init(4, &ring, 0) ||
		    io_uring_queue_init_params(4, &sq, &p))
			_exit(IDT_SETUP_FAILED);
		if (ring_open(&ring, OTHER_FILE, true) ||
		    ring_open(&sq, OTHER_FILE, false))
			_exit(1);
		if (write_file("/proc/self/loginuid", "1000"))
			_exit(IDT_SETUP_FAILED);
		if (ring_open(&ring, OTHER_FILE, true) != -EACCES)
			_exit(2);
		if (ring_open(&sq, OTHER_FILE, false) != -EACCES)
			_exit(3);
		if (ring_open(&ring, OTHER_FILE, false) != -EACCES)
			_exit(4);
		_exit(0);
	}
	code = idt_wait_child(pid);
	ASSERT_EQ(0, code);

	/* Each io thread's first op: audited, login user ID unset. */
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, idt_wait_record(self->audit_fd, &rec, "open",
					     ctxs[i], "audit", pid));
		EXPECT_TRUE(field_is(rec.text, "auid", "4294967295"));
		ASSERT_TRUE(field_get(rec.text, "tid", tid[i], sizeof(tid[i])));
	}
	/* The same threads' next ops: denied as auid 1000. */
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, idt_wait_record(self->audit_fd, &rec, "open",
					     ctxs[i], "deny", pid))
		{
			TH_LOG("no deny record in ctx=%s", ctxs[i]);
		}
		EXPECT_TRUE(field_is(rec.text, "auid", "1000"))
		{
			TH_LOG("record: %s", rec.text);
		}
		EXPECT_TRUE(field_is(rec.text, "tid", tid[i]))
		{
			TH_LOG("another thread than tid %s", tid[i]);
		}
	}
	ASSERT_EQ(0, idt_wait_record(self->audit_fd, &rec, "open", "inline",
				     "deny", pid));
	EXPECT_TRUE(field_is(rec.text, "auid", "1000"));
}

/* In a child in cgroup @cg: open inline and on io-wq, each to end in @want. */
static pid_t open_in_cgroup(const char *cg, int want, int *code)
{
	pid_t pid = fork();

	if (pid < 0)
		return pid;
	if (!pid) {
		if (cg_enter(cg, 0))
			_exit(IDT_SETUP_FAILED);
		_exit(idt_try_open(AT_FDCWD, OTHER_FILE, want));
	}
	*code = idt_wait_child(pid);
	return pid;
}

/* Both opens of @pid, inline and on io-wq: @decision, with @key=@value. */
static void expect_both(struct __test_metadata *_metadata, int audit_fd,
			pid_t pid, const char *decision, const char *key,
			const char *value)
{
	struct audit_record rec;
	int i;

	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, idt_wait_record(audit_fd, &rec, "open",
					     i ? "iowq" : "inline", decision,
					     pid));
		EXPECT_TRUE(idt_field_eq(&rec, key, value))
		{
			TH_LOG("want %s=\"%s\": %s", key, value, rec.text);
		}
	}
}

TEST_F(subject, cgroup_a_denied_b_allowed)
{
	int code;
	pid_t pid;

	ASSERT_EQ(0, load_policy("deny op=open cgroup=/uatest/a\n"));
	pid = open_in_cgroup("a", -EACCES, &code);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, code);
	expect_both(_metadata, self->audit_fd, pid, "deny", "cgroup",
		    "/uatest/a");
	ASSERT_LT(0, open_in_cgroup("b", 0, &code));
	ASSERT_EQ(0, code);
}

/* Whether every thread of @pid, io threads included, is in CG/@cg. */
static bool all_threads_in(pid_t pid, const char *cg, int *threads)
{
	char path[PATH_MAX], text[256], want[64];
	struct dirent *de;
	bool all = true;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	snprintf(want, sizeof(want), "0::/uatest/%s\n", cg);
	dir = opendir(path);
	if (!dir)
		return false;
	*threads = 0;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/cgroup", pid,
			 de->d_name);
		if (read_text(path, text, sizeof(text)) < 0 ||
		    strcmp(text, want))
			all = false;
		(*threads)++;
	}
	closedir(dir);
	return all;
}

/*
 * Moved from b to a after its SQPOLL thread and io-wq worker started: its
 * opens are denied inline, on io-wq and on the SQ thread.
 */
TEST_F(subject, moved_into_denied_cgroup_with_its_io_threads)
{
	static const char *const ctxs[] = { "inline", "iowq", "sqpoll" };
	int ready[2], go[2], code, threads, i;
	struct audit_record rec;
	char byte = 0;
	pid_t pid;

	ASSERT_EQ(0, load_policy("deny op=open cgroup=/uatest/a\n"));
	ASSERT_EQ(0, pipe(ready));
	ASSERT_EQ(0, pipe(go));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		struct io_uring_params p = { .flags = IORING_SETUP_SQPOLL,
					     .sq_thread_idle = 5000 };
		struct io_uring ring, sq;

		if (cg_enter("b", 0) || io_uring_queue_init(4, &ring, 0) ||
		    io_uring_queue_init_params(4, &sq, &p))
			_exit(IDT_SETUP_FAILED);
		/* In b: allowed, and the io threads are there. */
		if (ring_open(&ring, OTHER_FILE, true) ||
		    ring_open(&sq, OTHER_FILE, false))
			_exit(1);
		if (write(ready[1], &byte, 1) != 1 ||
		    read(go[0], &byte, 1) != 1)
			_exit(IDT_SETUP_FAILED);
		if (ring_open(&ring, OTHER_FILE, false) != -EACCES)
			_exit(2);
		if (ring_open(&ring, OTHER_FILE, true) != -EACCES)
			_exit(3);
		if (ring_open(&sq, OTHER_FILE, false) != -EACCES)
			_exit(4);
		_exit(0);
	}
	ASSERT_EQ(1, read(ready[0], &byte, 1));
	ASSERT_EQ(0, cg_enter("a", pid));
	EXPECT_TRUE(all_threads_in(pid, "a", &threads));
	/* The process, its io-wq worker and its SQ thread. */
	EXPECT_LE(3, threads);
	ASSERT_EQ(1, write(go[1], &byte, 1));
	code = idt_wait_child(pid);
	ASSERT_EQ(0, code);

	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, idt_wait_record(self->audit_fd, &rec, "open",
					     ctxs[i], "deny", pid))
		{
			TH_LOG("no deny record in ctx=%s", ctxs[i]);
		}
		EXPECT_TRUE(idt_field_eq(&rec, "cgroup", "/uatest/a"))
		{
			TH_LOG("record: %s", rec.text);
		}
	}
}

/* Arm fail_uringaudit for the tasks that ask (make-it-fail), always. */
static int arm_faults(void)
{
	struct statfs sfs;

	if (access(FAIL, F_OK) &&
	    (statfs("/sys/kernel/debug", &sfs) || sfs.f_type != 0x64626720))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	if (access(FAIL, F_OK))
		return -ENOENT;
	if (write_file(FAIL "/task-filter", "Y") ||
	    write_file(FAIL "/interval", "1") ||
	    write_file(FAIL "/times", "-1") ||
	    write_file(FAIL "/verbose", "0") ||
	    write_file(FAIL "/probability", "100"))
		return -EIO;
	return 0;
}

/*
 * In a child (in cgroup @cg when not NULL), failing every resolution when
 * @fail: open @path inline and on io-wq, each to end in @want.
 */
static pid_t open_failing(const char *cg, bool fail, const char *path, int want,
			  int *code)
{
	pid_t pid = fork();

	if (pid < 0)
		return pid;
	if (!pid) {
		if (cg && cg_enter(cg, 0))
			_exit(IDT_SETUP_FAILED);
		if (fail && write_file("/proc/self/make-it-fail", "1"))
			_exit(IDT_SETUP_FAILED);
		_exit(idt_try_open(AT_FDCWD, path, want));
	}
	*code = idt_wait_child(pid);
	return pid;
}

/* Both opens of @pid denied with reason="@key:...", by @rule. */
static void expect_reason(struct __test_metadata *_metadata, int audit_fd,
			  pid_t pid, const char *key, const char *rule)
{
	struct audit_record rec;
	char val[256];
	int i;

	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0,
			  idt_wait_record(audit_fd, &rec, "open",
					  i ? "iowq" : "inline", "deny", pid));
		TH_LOG("record: %s", rec.text);
		ASSERT_TRUE(
			idt_str_field(rec.text, "reason", val, sizeof(val)));
		EXPECT_EQ(0, strncmp(val, key, strlen(key)));
		EXPECT_TRUE(idt_field_eq(&rec, "rule", rule));
	}
}

TEST_F(subject, unresolvable_path_fails_closed_on_deny_rule)
{
	const char *rule = "deny op=open path=" SECRET;
	int code;
	pid_t pid;

	ASSERT_EQ(0, arm_faults());
	ASSERT_EQ(0, load_policy("deny op=open path=" SECRET "\n"));
	/* Resolved, the file outside the directory is allowed... */
	ASSERT_LT(0, open_failing(NULL, false, OTHER_FILE, 0, &code));
	ASSERT_EQ(0, code);
	/* ...unresolved, it might be under it: denied. */
	pid = open_failing(NULL, true, OTHER_FILE, -EACCES, &code);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, code);
	expect_reason(_metadata, self->audit_fd, pid, "path:", rule);
}

TEST_F(subject, unresolvable_path_never_allows)
{
	struct audit_record rec;
	int code;
	pid_t pid;

	ASSERT_EQ(0, arm_faults());
	ASSERT_EQ(0, load_policy("allow op=open path=" SECRET "\n"
				 "default audit\n"));
	/* Resolved, the allow rule decides: no record. */
	pid = open_failing(NULL, false, SECRET "/file", 0, &code);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, code);
	EXPECT_EQ(-ETIMEDOUT, idt_wait_record(self->audit_fd, &rec, "open",
					      NULL, NULL, pid));
	/* Unresolved, the default does. */
	pid = open_failing(NULL, true, SECRET "/file", 0, &code);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, code);
	expect_both(_metadata, self->audit_fd, pid, "audit", "rule", "default");
}

TEST_F(subject, unresolvable_cgroup_fails_closed_on_deny_rule)
{
	const char *rule = "deny op=open cgroup=/uatest/a";
	int code;
	pid_t pid;

	ASSERT_EQ(0, arm_faults());
	ASSERT_EQ(0, load_policy("deny op=open cgroup=/uatest/a\n"));
	ASSERT_LT(0, open_failing("b", false, OTHER_FILE, 0, &code));
	ASSERT_EQ(0, code);
	pid = open_failing("b", true, OTHER_FILE, -EACCES, &code);
	ASSERT_LT(0, pid);
	ASSERT_EQ(0, code);
	expect_reason(_metadata, self->audit_fd, pid, "cgroup:", rule);
}

TEST_HARNESS_MAIN
