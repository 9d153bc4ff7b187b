// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - exe= names the program, not a name.
 *
 * With "allow op=sqpoll exe=/tests/uring-op" and "deny op=sqpoll", only
 * the file that was at /tests/uring-op in the initial mount namespace when
 * the policy was loaded may set up an SQPOLL ring.  Another program cannot
 * pass as it: a byte-for-byte copy placed at the same path inside a
 * chroot, or another binary bind-mounted over the path in a mount
 * namespace of its own.  A program that was at the path when the policy
 * was loaded keeps matching when it is replaced (renamed over) or deleted
 * after it started; the file now at the path does not match.  Records name
 * the program from the initial root (origin_exe=) and, when it differs, as
 * the task saw it (origin_task_exe=).  Each case runs as root and as uid
 * 1000 in a user namespace of its own (variant "user").
 *
 * This binary is also the "other program": with IDT_HELPER=sqpoll in its
 * environment it sets up an SQPOLL ring and exits 0 (set up), 3 (EACCES)
 * or 2 (another error); with IDT_READY_FD and IDT_WAIT_FD it first writes
 * a byte to the one and waits for a byte on the other.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/limits.h>

#include "kselftest_harness.h"
#include "identity.h"

#define IDX "/tmp/idx"
#define URING_OP "/tests/uring-op"
#define SELF "/tests/identity_exe_test"
#define ALLOW_URING_OP                       \
	"allow op=sqpoll exe=" URING_OP "\n" \
	"deny op=sqpoll\n"
#define AUDIT_PROG                           \
	"audit op=sqpoll exe=" IDX "/prog\n" \
	"deny op=sqpoll\n"

static int env_fd(const char *name)
{
	const char *v = getenv(name);

	return v ? atoi(v) : -1;
}

/* The helper mode: set up an SQPOLL ring, when told to. */
static int sqpoll_helper(void)
{
	struct io_uring_params p = { .flags = IORING_SETUP_SQPOLL,
				     .sq_thread_idle = 1000 };
	int ready = env_fd("IDT_READY_FD"), go = env_fd("IDT_WAIT_FD");
	struct io_uring ring;
	char byte = 0;
	int ret;

	if (ready >= 0 && write(ready, &byte, 1) != 1)
		return 2;
	if (go >= 0 && read(go, &byte, 1) != 1)
		return 2;
	ret = io_uring_queue_init_params(4, &ring, &p);
	if (ret)
		return ret == -EACCES ? 3 : 2;
	io_uring_queue_exit(&ring);
	return 0;
}

__attribute__((constructor)) static void helper_mode(void)
{
	const char *mode = getenv("IDT_HELPER");

	if (mode && !strcmp(mode, "sqpoll"))
		_exit(sqpoll_helper());
}

/* How a child runs a program: its view, then execve(). */
struct run {
	bool mntns;
	const char *bind_src;
	const char *bind_dst;
	const char *root;
	const char *exe;
	bool helper;
	int ready;
	int wait;
};

FIXTURE(exe)
{
	int audit_fd;
};

FIXTURE_VARIANT(exe)
{
	bool user;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(exe, root)
{
	.user = false,
};

FIXTURE_VARIANT_ADD(exe, user)
{
	.user = true,
};
/* clang-format on */

FIXTURE_SETUP(exe)
{
	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	reset_uringaudit();
	idt_rm_rf(IDX);
	ASSERT_EQ(0, mkdir(IDX, 0755));
	ASSERT_EQ(0, mkdir(IDX "/root", 0755));
	ASSERT_EQ(0, mkdir(IDX "/root/tests", 0755));
	ASSERT_EQ(0, chmod(IDX, 0755));
	ASSERT_EQ(0, chmod(IDX "/root", 0755));
	ASSERT_EQ(0, chmod(IDX "/root/tests", 0755));
	ASSERT_EQ(0, idt_copy(URING_OP, IDX "/root" URING_OP, 0755));
	ASSERT_EQ(0, idt_copy(SELF, IDX "/prog", 0755));
	ASSERT_EQ(0, idt_copy(SELF, IDX "/other", 0755));
	self->audit_fd = audit_open();
	ASSERT_LE(0, self->audit_fd);
}

FIXTURE_TEARDOWN(exe)
{
	if (!uringaudit_expected())
		return;
	reset_uringaudit();
	close(self->audit_fd);
	idt_rm_rf(IDX);
}

/* Start a child that runs @r in the variant's namespaces. */
static pid_t start(bool user, const struct run *r)
{
	char ready[32], wait[32];
	char *argv[] = { (char *)r->exe, "sqpoll-open", "/", NULL };
	char *envp[] = { "IDT_HELPER=sqpoll", ready, wait, NULL };
	pid_t pid = fork();
	int ret;

	if (pid)
		return pid;
	snprintf(ready, sizeof(ready), "IDT_READY_FD=%d", r->ready);
	snprintf(wait, sizeof(wait), "IDT_WAIT_FD=%d", r->wait);
	ret = idt_enter(user, r->mntns);
	if (!ret && r->bind_src &&
	    mount(r->bind_src, r->bind_dst, NULL, MS_BIND, NULL))
		ret = -errno;
	if (!ret && r->root)
		ret = idt_chroot(r->root);
	if (ret) {
		fprintf(stderr, "# child: setting up the view: %s\n",
			strerror(-ret));
		_exit(IDT_SETUP_FAILED);
	}
	execve(r->exe, argv, r->helper ? envp : (char *[]){ NULL });
	fprintf(stderr, "# child: execve \"%s\": %s\n", r->exe,
		strerror(errno));
	_exit(IDT_SETUP_FAILED);
}

/* Run @r to its end; return the child, its exit code in @code. */
static pid_t run(bool user, const struct run *r, int *code)
{
	pid_t pid = start(user, r);

	if (pid > 0)
		*code = idt_wait_child(pid);
	return pid;
}

/*
 * The record of @pid's SQPOLL ring: @decision, the program @exe from the
 * initial root, and @task_exe when the task saw it by another name.  An
 * @exe of NULL: the initial root does not reach the program (a file
 * system mounted only in the task's mount namespace, a documented
 * limitation), so origin_exe is @task_exe, marked origin_exe_root=task.
 */
static void expect_record(struct __test_metadata *_metadata, int audit_fd,
			  pid_t pid, const char *decision, const char *exe,
			  const char *task_exe)
{
	struct audit_record rec;
	char val[PATH_MAX];

	ASSERT_EQ(0, idt_wait_record(audit_fd, &rec, "sqpoll", NULL, decision,
				     pid))
	{
		TH_LOG("no sqpoll record with decision=%s", decision);
	}
	ASSERT_TRUE(idt_str_field(rec.text, "origin_exe", val, sizeof(val)));
	if (!exe) {
		EXPECT_STREQ(task_exe, val);
		EXPECT_TRUE(field_is(rec.text, "origin_exe_root", "task"))
		{
			TH_LOG("want origin_exe_root=task: %s", rec.text);
		}
		EXPECT_FALSE(idt_has_field(&rec, "origin_task_exe"));
		return;
	}
	EXPECT_STREQ(exe, val)
	{
		TH_LOG("record: %s", rec.text);
	}
	EXPECT_FALSE(idt_has_field(&rec, "origin_exe_root"));
	if (task_exe) {
		EXPECT_TRUE(idt_field_eq(&rec, "origin_task_exe", task_exe))
		{
			TH_LOG("want origin_task_exe=\"%s\": %s", task_exe,
			       rec.text);
		}
	} else {
		EXPECT_FALSE(idt_has_field(&rec, "origin_task_exe"))
		{
			TH_LOG("want no origin_task_exe: %s", rec.text);
		}
	}
}

/* The program the policy names sets up its ring, in every view. */
TEST_F(exe, named_program_allowed)
{
	const struct run r = { .exe = URING_OP, .ready = -1, .wait = -1 };
	int code;

	ASSERT_EQ(0, load_policy(ALLOW_URING_OP));
	ASSERT_LT(0, run(variant->user, &r, &code));
	EXPECT_EQ(0, code);
}

/* A copy, byte for byte, at the same path in a chroot is another file. */
TEST_F(exe, copy_at_same_path_in_chroot_denied)
{
	const struct run r = {
		.root = IDX "/root", .exe = URING_OP, .ready = -1, .wait = -1
	};
	int code;
	pid_t pid;

	ASSERT_EQ(0, load_policy(ALLOW_URING_OP));
	pid = run(variant->user, &r, &code);
	ASSERT_LT(0, pid);
	/* uring-op: 2 when the ring could not be set up. */
	EXPECT_EQ(2, code);
	/*
	 * The user's mount namespace has its own copy of the mount that
	 * holds the copy: the initial root does not reach it by that mount.
	 */
	expect_record(_metadata, self->audit_fd, pid, "deny",
		      variant->user ? NULL : IDX "/root" URING_OP, URING_OP);
}

/* Another binary mounted over the path, in a mount namespace of its own. */
TEST_F(exe, other_binary_bind_mounted_over_path_denied)
{
	const struct run r = { .mntns = true,
			       .bind_src = SELF,
			       .bind_dst = URING_OP,
			       .exe = URING_OP,
			       .helper = true,
			       .ready = -1,
			       .wait = -1 };
	int code;
	pid_t pid;

	ASSERT_EQ(0, load_policy(ALLOW_URING_OP));
	pid = run(variant->user, &r, &code);
	ASSERT_LT(0, pid);
	EXPECT_EQ(3, code);
	expect_record(_metadata, self->audit_fd, pid, "deny", SELF, URING_OP);
}

/*
 * Start IDX/prog, let @change act on the path while it waits, then let it
 * set up its ring: the program that was at the path at load still
 * matches (audit, not deny).  Returns the child's pid.
 */
static pid_t started_then(struct __test_metadata *_metadata, bool user,
			  int (*change)(void), int *code)
{
	int ready[2], go[2];
	struct run r = { .exe = IDX "/prog", .helper = true };
	char byte = 0;
	pid_t pid;

	if (pipe(ready) || pipe(go))
		return -1;
	r.ready = ready[1];
	r.wait = go[0];
	pid = start(user, &r);
	close(ready[1]);
	close(go[0]);
	if (pid < 0)
		return pid;
	EXPECT_EQ(1, read(ready[0], &byte, 1))
	{
		TH_LOG("the program did not start");
	}
	EXPECT_EQ(0, change());
	EXPECT_EQ(1, write(go[1], &byte, 1));
	close(ready[0]);
	close(go[1]);
	*code = idt_wait_child(pid);
	return pid;
}

static int rename_over(void)
{
	return rename(IDX "/other", IDX "/prog") ? -errno : 0;
}

static int delete_prog(void)
{
	return unlink(IDX "/prog") ? -errno : 0;
}

/* Prefix check: the name of a file gone from its path may say so. */
static void expect_audited_prog(struct __test_metadata *_metadata, int audit_fd,
				pid_t pid)
{
	struct audit_record rec;
	char val[PATH_MAX];

	ASSERT_EQ(0, idt_wait_record(audit_fd, &rec, "sqpoll", NULL, "audit",
				     pid));
	TH_LOG("record: %s", rec.text);
	ASSERT_TRUE(idt_str_field(rec.text, "rule", val, sizeof(val)));
	EXPECT_TRUE(strstr(val, "exe=" IDX "/prog"));
	ASSERT_TRUE(idt_str_field(rec.text, "origin_exe", val, sizeof(val)));
	EXPECT_EQ(0, strncmp(val, IDX "/prog", strlen(IDX "/prog")));
}

TEST_F(exe, replaced_after_start_still_matches)
{
	const struct run now = {
		.exe = IDX "/prog", .helper = true, .ready = -1, .wait = -1
	};
	int code;
	pid_t pid;

	ASSERT_EQ(0, load_policy(AUDIT_PROG));
	pid = started_then(_metadata, variant->user, rename_over, &code);
	ASSERT_LT(0, pid);
	EXPECT_EQ(0, code);
	expect_audited_prog(_metadata, self->audit_fd, pid);

	/* What is at the path now is another file: denied. */
	pid = run(variant->user, &now, &code);
	ASSERT_LT(0, pid);
	EXPECT_EQ(3, code);
	/* The user's own mount namespace: named as the task saw it. */
	expect_record(_metadata, self->audit_fd, pid, "deny",
		      variant->user ? NULL : IDX "/prog",
		      variant->user ? IDX "/prog" : NULL);
}

TEST_F(exe, deleted_after_start_still_matches)
{
	int code;
	pid_t pid;

	ASSERT_EQ(0, load_policy(AUDIT_PROG));
	pid = started_then(_metadata, variant->user, delete_prog, &code);
	ASSERT_LT(0, pid);
	EXPECT_EQ(0, code);
	expect_audited_prog(_metadata, self->audit_fd, pid);
}

TEST_HARNESS_MAIN
