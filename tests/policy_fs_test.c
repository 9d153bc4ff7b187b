// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - The securityfs interface: policy, mode, stats and status;
 * a rejected write leaves the active policy exactly as it was.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "common.h"

#define POLICY URINGAUDIT_DIR "/policy"

FIXTURE(fs)
{
	char before[4096];
};

FIXTURE_SETUP(fs)
{
	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	reset_uringaudit();
}

FIXTURE_TEARDOWN(fs)
{
	if (uringaudit_expected())
		reset_uringaudit();
}

TEST_F(fs, files_and_modes)
{
	static const struct {
		const char *name;
		mode_t mode;
	} files[] = {
		{ "policy", 0600 }, { "mode", 0600 },	{ "lock", 0600 },
		{ "stats", 0444 },  { "status", 0444 }, { "abi_version", 0444 },
	};
	char path[128];
	struct stat st;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(path, sizeof(path), URINGAUDIT_DIR "/%s",
			 files[i].name);
		ASSERT_EQ(0, stat(path, &st))
		{
			TH_LOG("Failed to stat \"%s\": %s", path,
			       strerror(errno));
		}
		EXPECT_EQ(files[i].mode, st.st_mode & 07777)
		{
			TH_LOG("%s: mode %o", files[i].name,
			       st.st_mode & 07777);
		}
	}
}

TEST_F(fs, policy_reads_back_normalised)
{
	static const char text[] =
		"# a comment\n\ndeny  op=read,open\tctx=iowq # why\ndefault audit\r\n";
	char buf[4096];

	ASSERT_EQ(0, load_policy(text));
	ASSERT_LT(0, read_text(POLICY, buf, sizeof(buf)));
	EXPECT_STREQ("default audit\ndeny op=open,read ctx=iowq\n", buf);
}

/* A large policy (10000 rules, about 160 KiB) loads and reads back whole. */
TEST_F(fs, large_policy_round_trip)
{
	const size_t size = 512 * 1024;
	char *text = malloc(size), *back = malloc(size);
	size_t len = 0;
	int i;

	ASSERT_NE(NULL, text);
	ASSERT_NE(NULL, back);
	len += snprintf(text, size, "default allow\n");
	for (i = 0; i < 10000; i++)
		len += snprintf(text + len, size - len,
				"audit op=open uid=%d\n", i);
	ASSERT_EQ(0, load_policy(text));
	ASSERT_EQ((ssize_t)len, read_text(POLICY, back, size));
	EXPECT_EQ(0, strcmp(text, back));
	free(text);
	free(back);
}

/* A ring can be set up: the probe of whether a policy is in force. */
static int setup_allowed(void)
{
	struct io_uring ring;
	int ret = io_uring_queue_init(2, &ring, 0);

	if (!ret)
		io_uring_queue_exit(&ring);
	return ret;
}

/*
 * The state every refusal must leave: "deny op=setup" in force, reading
 * back byte for byte as @before.
 */
static void expect_unchanged(struct __test_metadata *const _metadata,
			     const char *before, const char *what)
{
	char after[4096];

	ASSERT_LT(0, read_text(POLICY, after, sizeof(after)));
	EXPECT_STREQ(before, after)
	{
		TH_LOG("%s: policy changed", what);
	}
	EXPECT_EQ(-EACCES, setup_allowed())
	{
		TH_LOG("%s: policy no longer enforced", what);
	}
}

struct bad_write {
	const char *desc;
	const char *text;
	size_t len; /* 0: strlen(text) */
	int err;
};

static const struct bad_write bad_writes[] = {
	{ "empty write", "", 0, EINVAL },
	{ "only comments", "# nothing\n", 0, EINVAL },
	{ "unknown action", "permit op=open\n", 0, EBADMSG },
	{ "unknown op", "deny op=frobnicate\n", 0, EBADMSG },
	{ "unknown key", "deny colour=red\n", 0, EBADMSG },
	{ "duplicate key", "deny uid=1 uid=2\n", 0, EBADMSG },
	{ "number out of range", "deny uid=4294967296\n", 0, ERANGE },
	{ "NUL byte", "deny\0op=open\n", 12, EBADMSG },
	{ "invalid UTF-8", "deny path=/\xc3\x28\n", 0, EBADMSG },
	{ "second bad line", "default deny\nallow op=nope\n", 0, EBADMSG },
	{ "unknown context", "deny ctx=kernel\n", 0, EBADMSG },
	{ "duplicate default", "default deny\ndefault allow\n", 0, EBADMSG },
	{ "path on a socket op", "deny op=connect path=/tmp\n", 0, EBADMSG },
	/* A policy split over two writes: each write is a whole policy. */
	{ "first half of a split policy", "deny op=", 0, EBADMSG },
	{ "second half of a split policy", "open\n", 0, EBADMSG },
};

/* Writes and their errnos that need a text built at run time. */
static char *long_path_policy(void)
{
	/* "deny path=" and a path of 4096 bytes, one more than allowed. */
	const size_t n = 10 + 4096;
	char *text = malloc(n + 16);

	if (!text)
		return NULL;
	memcpy(text, "deny path=/", 11);
	memset(text + 11, 'a', n - 11);
	memcpy(text + n, "\n", 2);
	return text;
}

TEST_F(fs, rejected_policy_keeps_active_one)
{
	char before[4096];
	size_t i;

	ASSERT_EQ(0, load_policy("deny op=setup\naudit op=open\n"));
	ASSERT_LT(0, read_text(POLICY, before, sizeof(before)));
	for (i = 0; i < ARRAY_SIZE(bad_writes); i++) {
		const struct bad_write *b = &bad_writes[i];
		size_t len = b->len ? b->len : strlen(b->text);
		int fd = open(POLICY, O_WRONLY | O_CLOEXEC);

		ASSERT_LE(0, fd);
		EXPECT_EQ(-1, write(fd, b->text, len))
		{
			TH_LOG("%s: accepted", b->desc);
		}
		EXPECT_EQ(b->err, errno)
		{
			TH_LOG("%s: errno %d (%s), want %d", b->desc, errno,
			       strerror(errno), b->err);
		}
		close(fd);
		expect_unchanged(_metadata, before, b->desc);
	}
}

/* The kernel log names the line, column and reason of a refusal. */
TEST_F(fs, refusal_logged_with_line_and_reason)
{
	static const char rejected[] =
		"uringaudit: policy rejected: line 2, column 14: unknown op class or event";
	char line[1024];
	bool found = false;
	int kmsg;
	ssize_t n;

	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_LE(0, kmsg);
	ASSERT_LE(0, lseek(kmsg, 0, SEEK_END));
	EXPECT_EQ(-EBADMSG, load_policy("default audit\ndeny op=open,opne\n"));
	while ((n = read(kmsg, line, sizeof(line) - 1)) > 0) {
		line[n] = '\0';
		if (strstr(line, rejected))
			found = true;
	}
	EXPECT_TRUE(found);
	close(kmsg);
}

TEST_F(fs, overlong_path_refused)
{
	char before[4096], *text = long_path_policy();

	ASSERT_NE(NULL, text);
	ASSERT_EQ(0, load_policy("deny op=setup\n"));
	ASSERT_LT(0, read_text(POLICY, before, sizeof(before)));
	EXPECT_EQ(-ENAMETOOLONG, load_policy(text));
	expect_unchanged(_metadata, before, "overlong path");
	free(text);
}

/*
 * Two writers replace the policy at once, many times over: every write
 * succeeds, and the policy in force is always exactly one of the two.
 */
TEST_F(fs, concurrent_writers)
{
	static const char *const policies[] = {
		"default allow\naudit op=open\n",
		"default allow\ndeny op=sqpoll ctx=inline\n",
	};
	char buf[4096];
	pid_t pids[2];
	int i, status;

	for (i = 0; i < 2; i++) {
		pids[i] = fork();
		ASSERT_LE(0, pids[i]);
		if (!pids[i]) {
			int n, err = 0;

			for (n = 0; n < 200 && !err; n++)
				err = load_policy(policies[i]);
			_exit(err ? 1 : 0);
		}
	}
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(pids[i], waitpid(pids[i], &status, 0));
		EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status));
	}
	ASSERT_LT(0, read_text(POLICY, buf, sizeof(buf)));
	EXPECT_TRUE(!strcmp(buf, policies[0]) || !strcmp(buf, policies[1]))
	{
		TH_LOG("policy in force: \"%s\"", buf);
	}
}

TEST_F(fs, oversized_policy_refused)
{
	size_t len = (1 << 20) + 1;
	char *big = malloc(len), before[4096];
	int fd;

	ASSERT_NE(NULL, big);
	ASSERT_EQ(0, load_policy("deny op=setup\n"));
	ASSERT_LT(0, read_text(POLICY, before, sizeof(before)));
	memset(big, '#', len);
	fd = open(POLICY, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, write(fd, big, len));
	EXPECT_EQ(EFBIG, errno);
	close(fd);
	free(big);
	expect_unchanged(_metadata, before, "oversized");
}

TEST_F(fs, write_at_offset_refused)
{
	static const char text[] = "default allow\n";
	char before[4096];
	int fd;

	ASSERT_EQ(0, load_policy("deny op=setup\n"));
	ASSERT_LT(0, read_text(POLICY, before, sizeof(before)));
	fd = open(POLICY, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, pwrite(fd, text, sizeof(text) - 1, 1));
	EXPECT_EQ(EINVAL, errno);
	close(fd);
	expect_unchanged(_metadata, before, "write at an offset");
}

/* Run @fn in a child that drops CAP_MAC_ADMIN (and keeps root's uid). */
static int without_mac_admin(int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (!pid) {
		struct __user_cap_header_struct hdr = {
			.version = _LINUX_CAPABILITY_VERSION_3,
		};
		struct __user_cap_data_struct data[2];

		if (syscall(SYS_capget, &hdr, data))
			_exit(100);
		data[CAP_TO_INDEX(CAP_MAC_ADMIN)].effective &=
			~CAP_TO_MASK(CAP_MAC_ADMIN);
		data[CAP_TO_INDEX(CAP_MAC_ADMIN)].permitted &=
			~CAP_TO_MASK(CAP_MAC_ADMIN);
		if (syscall(SYS_capset, &hdr, data))
			_exit(101);
		_exit(-fn());
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -ECHILD;
	return -WEXITSTATUS(status);
}

static int write_policy(void)
{
	return load_policy("default allow\n");
}

static int write_mode(void)
{
	return set_mode("permissive");
}

static int write_lock(void)
{
	return write_file(URINGAUDIT_DIR "/lock", "1");
}

TEST_F(fs, writers_need_mac_admin)
{
	char buf[64], before[4096];

	ASSERT_EQ(0, load_policy("deny op=setup\n"));
	ASSERT_LT(0, read_text(POLICY, before, sizeof(before)));
	EXPECT_EQ(-EPERM, without_mac_admin(write_policy));
	EXPECT_EQ(-EPERM, without_mac_admin(write_mode));
	EXPECT_EQ(-EPERM, without_mac_admin(write_lock));
	expect_unchanged(_metadata, before, "no CAP_MAC_ADMIN");
	ASSERT_LT(0, read_text(URINGAUDIT_DIR "/mode", buf, sizeof(buf)));
	EXPECT_STREQ("enforce\n", buf);
	ASSERT_LT(0, read_text(URINGAUDIT_DIR "/lock", buf, sizeof(buf)));
	EXPECT_STREQ("0\n", buf);
}

TEST_F(fs, other_users_cannot_open_knobs)
{
	int status;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (!pid) {
		static const char *const knobs[] = {
			POLICY,
			URINGAUDIT_DIR "/mode",
			URINGAUDIT_DIR "/lock",
		};
		size_t i;

		if (setgid(1000) || setuid(1000))
			_exit(2);
		for (i = 0; i < ARRAY_SIZE(knobs); i++)
			if (open(knobs[i], O_WRONLY) != -1 || errno != EACCES)
				_exit(1);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST_F(fs, mode_switch)
{
	char buf[64];

	ASSERT_EQ(0, set_mode("permissive\n"));
	ASSERT_LT(0, read_text(URINGAUDIT_DIR "/mode", buf, sizeof(buf)));
	EXPECT_STREQ("permissive\n", buf);
	EXPECT_EQ(-EINVAL, set_mode("enforcing"));
	EXPECT_EQ(-EINVAL, set_mode(""));
	ASSERT_LT(0, read_text(URINGAUDIT_DIR "/mode", buf, sizeof(buf)));
	EXPECT_STREQ("permissive\n", buf);
	ASSERT_EQ(0, set_mode("enforce"));
	ASSERT_LT(0, read_text(URINGAUDIT_DIR "/mode", buf, sizeof(buf)));
	EXPECT_STREQ("enforce\n", buf);
}

TEST_F(fs, lock_refuses_other_values)
{
	EXPECT_EQ(-EINVAL, write_file(URINGAUDIT_DIR "/lock", "0"));
	EXPECT_EQ(-EINVAL, write_file(URINGAUDIT_DIR "/lock", "yes"));
}

/* The "audit" count of "setup inline" in the stats file. */
static long setup_audits(void)
{
	char buf[16384], *line;
	long allow, audit, deny;

	if (read_text(URINGAUDIT_DIR "/stats", buf, sizeof(buf)) <= 0)
		return -1;
	line = strstr(buf, "\nsetup inline ");
	if (!line || sscanf(line, "\nsetup inline %ld %ld %ld", &allow, &audit,
			    &deny) != 3)
		return -1;
	return audit;
}

TEST_F(fs, stats_count_decisions)
{
	long before, after;

	ASSERT_EQ(0, load_policy("audit op=setup\n"));
	before = setup_audits();
	ASSERT_LE(0, before);
	ASSERT_EQ(0, setup_allowed());
	ASSERT_EQ(0, setup_allowed());
	after = setup_audits();
	EXPECT_EQ(before + 2, after);
}

TEST_F(fs, status_reports_policy)
{
	static const char text[] =
		"default audit\ndeny op=sqpoll\nallow op=open\n";
	char buf[1024];

	ASSERT_EQ(0, load_policy(text));
	ASSERT_LT(0, read_text(URINGAUDIT_DIR "/status", buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(buf, "mode enforce\n"));
	EXPECT_NE(NULL, strstr(buf, "locked 0\n"));
	EXPECT_NE(NULL, strstr(buf, "policy loaded\n"));
	EXPECT_NE(NULL, strstr(buf, "rules 2\n"));
	EXPECT_NE(NULL, strstr(buf, "default audit\n"));
	EXPECT_NE(NULL, strstr(buf, "digest sha256:"));
	EXPECT_NE(NULL, strstr(buf, "loaded "));
}

TEST_HARNESS_MAIN
