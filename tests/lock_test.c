// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - After lock, policy and mode cannot change until reboot.
 *
 * Irreversible: the guest runner runs this test last.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "kselftest_harness.h"
#include "common.h"

TEST(lock_freezes_policy_and_mode)
{
	char before[4096], after[4096], buf[64];
	struct io_uring ring;

	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	ASSERT_EQ(0, set_mode("enforce"));
	ASSERT_EQ(0, load_policy("deny op=sqpoll\n"));
	ASSERT_LT(0,
		  read_text(URINGAUDIT_DIR "/policy", before, sizeof(before)));

	ASSERT_EQ(0, write_file(URINGAUDIT_DIR "/lock", "1\n"));
	ASSERT_LT(0, read_text(URINGAUDIT_DIR "/lock", buf, sizeof(buf)));
	EXPECT_STREQ("1\n", buf);

	EXPECT_EQ(-EPERM, load_policy("default allow\n"));
	EXPECT_EQ(-EPERM, set_mode("permissive"));
	/* Locking again changes nothing and is no error. */
	EXPECT_EQ(0, write_file(URINGAUDIT_DIR "/lock", "1"));

	ASSERT_LT(0, read_text(URINGAUDIT_DIR "/policy", after, sizeof(after)));
	EXPECT_STREQ(before, after);
	ASSERT_LT(0, read_text(URINGAUDIT_DIR "/mode", buf, sizeof(buf)));
	EXPECT_STREQ("enforce\n", buf);
	EXPECT_EQ(-EACCES, io_uring_queue_init(2, &ring, IORING_SETUP_SQPOLL));
}

TEST_HARNESS_MAIN
