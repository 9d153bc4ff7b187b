// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Base tests: the LSM is listed and its securityfs interface
 * exists exactly when the boot asked for it.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/uringaudit.h>

#include "kselftest_harness.h"
#include "common.h"

#ifndef __NR_lsm_list_modules
#define __NR_lsm_list_modules 461
#endif
#ifndef LSM_ID_URINGAUDIT
#define LSM_ID_URINGAUDIT 114
#endif

TEST(lsm_listed_as_booted)
{
	char lsm[512];

	ASSERT_LT(0, read_text(SECURITYFS "/lsm", lsm, sizeof(lsm)))
	{
		TH_LOG("Failed to read \"%s/lsm\": is securityfs mounted?",
		       SECURITYFS);
	}
	EXPECT_EQ(uringaudit_expected(), list_has(lsm, "uringaudit"))
	{
		TH_LOG("active LSMs: \"%s\"", lsm);
	}
	/* Stacking: landlock is active in both boots. */
	EXPECT_TRUE(list_has(lsm, "landlock"))
	{
		TH_LOG("active LSMs: \"%s\"", lsm);
	}
}

TEST(lsm_id_listed_as_booted)
{
	__u64 ids[32];
	__u32 size = sizeof(ids);
	bool found = false;
	long count;

	count = syscall(__NR_lsm_list_modules, ids, &size, 0);
	ASSERT_LT(0, count)
	{
		TH_LOG("lsm_list_modules: %s", strerror(errno));
	}
	for (long i = 0; i < count; i++)
		if (ids[i] == LSM_ID_URINGAUDIT)
			found = true;
	EXPECT_EQ(uringaudit_expected(), found);
}

TEST(securityfs_dir_as_booted)
{
	struct stat st;
	int ret;

	ret = stat(URINGAUDIT_DIR, &st);
	if (uringaudit_expected()) {
		ASSERT_EQ(0, ret)
		{
			TH_LOG("Failed to stat \"%s\": %s", URINGAUDIT_DIR,
			       strerror(errno));
		}
		EXPECT_TRUE(S_ISDIR(st.st_mode));
	} else {
		EXPECT_EQ(-1, ret);
		EXPECT_EQ(ENOENT, errno);
	}
}

TEST(abi_version_matches_header)
{
	char buf[32], want[32];

	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	snprintf(want, sizeof(want), "%d\n", URINGAUDIT_ABI_VERSION);
	ASSERT_LT(0,
		  read_text(URINGAUDIT_DIR "/abi_version", buf, sizeof(buf)));
	EXPECT_STREQ(want, buf);
}

TEST(abi_version_not_writable)
{
	int fd;

	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	fd = open(URINGAUDIT_DIR "/abi_version", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		/* Root passes the mode check; the file has no write method. */
		EXPECT_EQ(-1, write(fd, "2\n", 2));
		EXPECT_EQ(EINVAL, errno);
		close(fd);
	} else {
		EXPECT_EQ(EACCES, errno);
	}
}

TEST_HARNESS_MAIN
