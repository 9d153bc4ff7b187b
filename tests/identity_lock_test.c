// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - After lock, root's views still reach nothing a path= rule
 * denies: a bind mount in the initial namespace, a chroot, a bind mount in
 * a mount namespace of its own; and the policy cannot be changed.
 *
 * Irreversible until reboot: this binary runs in a boot of its own
 * (make check-guest, boot 9), never in the default list of run-tests.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/limits.h>

#include "kselftest_harness.h"
#include "identity.h"

#define IDL "/tmp/idl"
#define SECRET IDL "/secret-dir"
#define RULE "deny op=open path=" SECRET "\n"

/* What root does after the lock, in a child: set up, then open. */

static int run_way(const struct idt_way *w, pid_t *pid)
{
	*pid = fork();
	if (*pid < 0)
		return -errno;
	if (!*pid) {
		int ret = idt_take_way(false, w);

		if (ret)
			_exit(IDT_SETUP_FAILED);
		_exit(idt_try_open(AT_FDCWD, w->path, -EACCES));
	}
	return idt_wait_child(*pid);
}

FIXTURE(locked)
{
	int audit_fd;
};

/*
 * Once per boot: the directory, the policy, then the lock.  Later tests
 * find the lock set and the policy in place.
 */
FIXTURE_SETUP(locked)
{
	char lock[8];

	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	ASSERT_LT(0, read_text(URINGAUDIT_DIR "/lock", lock, sizeof(lock)));
	if (strcmp(lock, "1\n")) {
		idt_rm_rf(IDL);
		ASSERT_EQ(0, mkdir(IDL, 0755));
		ASSERT_EQ(0, mkdir(SECRET, 0755));
		ASSERT_EQ(0, mkdir(IDL "/elsewhere", 0755));
		ASSERT_EQ(0, mkdir(IDL "/bound", 0755));
		ASSERT_EQ(0, idt_make_file(SECRET "/file", 0644));
		ASSERT_EQ(0, set_mode("enforce"));
		ASSERT_EQ(0, load_policy(RULE));
		ASSERT_EQ(0, write_file(URINGAUDIT_DIR "/lock", "1"));
	}
	ASSERT_LT(0, read_text(URINGAUDIT_DIR "/lock", lock, sizeof(lock)));
	ASSERT_STREQ("1\n", lock);
	self->audit_fd = audit_open();
	ASSERT_LE(0, self->audit_fd);
}

FIXTURE_TEARDOWN(locked)
{
	if (self->audit_fd > 0)
		close(self->audit_fd);
}

/* Denied inline and on io-wq, with a record naming the file. */
static void denied(struct __test_metadata *_metadata, int audit_fd,
		   const struct idt_way *w, const char *path)
{
	struct audit_record rec;
	pid_t pid;
	int i;

	ASSERT_EQ(0, run_way(w, &pid));
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0,
			  idt_wait_record(audit_fd, &rec, "open",
					  i ? "iowq" : "inline", "deny", pid));
		EXPECT_TRUE(idt_field_eq(&rec, "path", path))
		{
			TH_LOG("record: %s", rec.text);
		}
	}
}

TEST_F(locked, policy_cannot_be_replaced)
{
	EXPECT_EQ(-EPERM, load_policy("default allow\n"));
	EXPECT_EQ(-EPERM, set_mode("permissive"));
}

TEST_F(locked, root_bind_mount_in_initial_ns_denied)
{
	const struct idt_way w = { .bind_src = SECRET,
				   .bind_dst = IDL "/bound",
				   .path = IDL "/bound/file" };

	denied(_metadata, self->audit_fd, &w, IDL "/bound/file");
	umount2(IDL "/bound", MNT_DETACH);
}

TEST_F(locked, root_chroot_denied)
{
	const struct idt_way w = { .root = IDL, .path = "/secret-dir/file" };

	denied(_metadata, self->audit_fd, &w, SECRET "/file");
}

TEST_F(locked, root_bind_mount_in_new_mount_ns_denied)
{
	const struct idt_way w = { .mntns = true,
				   .bind_src = SECRET,
				   .bind_dst = IDL "/elsewhere",
				   .path = IDL "/elsewhere/file" };
	struct audit_record rec;
	pid_t pid;

	/* Denied; the name in the record is the other tests' business. */
	ASSERT_EQ(0, run_way(&w, &pid));
	ASSERT_EQ(0, idt_wait_record(self->audit_fd, &rec, "open", "inline",
				     "deny", pid));
	ASSERT_EQ(0, idt_wait_record(self->audit_fd, &rec, "open", "iowq",
				     "deny", pid));
}

TEST_HARNESS_MAIN
