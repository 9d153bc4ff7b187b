// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - uringaudit.default= gives a kernel without a loaded policy
 * a default action.  Run in a boot with uringaudit.default=audit.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "kselftest_harness.h"
#include "audit.h"
#include "common.h"

static bool booted_with_default_audit(void)
{
	char cmdline[4096];

	return read_text("/proc/cmdline", cmdline, sizeof(cmdline)) > 0 &&
	       strstr(cmdline, "uringaudit.default=audit");
}

TEST(boot_default_audits_everything)
{
	char buf[4096], pid[16];
	struct audit_record rec;
	struct io_uring ring;
	int fd;

	if (!booted_with_default_audit())
		SKIP(return, "not booted with uringaudit.default=audit");
	ASSERT_LT(0, read_text(URINGAUDIT_DIR "/policy", buf, sizeof(buf)));
	EXPECT_STREQ("default audit\n", buf);
	ASSERT_LT(0, read_text(URINGAUDIT_DIR "/status", buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, "rules 0\n"));
	EXPECT_NE(NULL, strstr(buf, "\ndefault audit\n"));

	fd = audit_open();
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, io_uring_queue_init(2, &ring, 0));
	io_uring_queue_exit(&ring);
	snprintf(pid, sizeof(pid), "%d", getpid());
	ASSERT_EQ(0, audit_wait_op(fd, &rec, "setup", NULL, pid));
	EXPECT_TRUE(field_is(rec.text, "decision", "audit"));
	EXPECT_TRUE(field_is(rec.text, "rule", "\"default\""));
	close(fd);
}

TEST_HARNESS_MAIN
