// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Ring events: setup, sqpoll and override_creds (a registered
 * personality in use) are recorded, marked, and can be denied.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "kselftest_harness.h"
#include "audit.h"
#include "common.h"

FIXTURE(events)
{
	int audit_fd;
	char pid[16];
};

FIXTURE_SETUP(events)
{
	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	reset_uringaudit();
	snprintf(self->pid, sizeof(self->pid), "%d", getpid());
	self->audit_fd = audit_open();
	ASSERT_LE(0, self->audit_fd);
}

FIXTURE_TEARDOWN(events)
{
	if (!uringaudit_expected())
		return;
	reset_uringaudit();
	close(self->audit_fd);
}

/* Wait for this process's record of @op; copy its text into @text. */
static int wait_record(int fd, const char *op, const char *pid, char *text,
		       size_t size)
{
	struct audit_record rec;
	int ret = audit_wait_op(fd, &rec, op, NULL, pid);

	if (!ret)
		snprintf(text, size, "%s", rec.text);
	return ret;
}

static int setup_ring(unsigned int flags)
{
	struct io_uring_params p = { .flags = flags, .sq_thread_idle = 1000 };
	struct io_uring ring;
	int ret;

	ret = io_uring_queue_init_params(4, &ring, &p);
	if (!ret)
		io_uring_queue_exit(&ring);
	return ret;
}

TEST_F(events, setup_recorded)
{
	char text[8192];

	ASSERT_EQ(0, load_policy("audit op=setup\n"));
	ASSERT_EQ(0, setup_ring(0));
	ASSERT_EQ(0, wait_record(self->audit_fd, "setup", self->pid, text,
				 sizeof(text)));
	EXPECT_TRUE(field_is(text, "ctx", "inline"));
	EXPECT_TRUE(field_is(text, "decision", "audit"));
}

TEST_F(events, setup_denied)
{
	char text[8192];

	ASSERT_EQ(0, load_policy("deny op=setup\n"));
	EXPECT_EQ(-EACCES, setup_ring(0));
	ASSERT_EQ(0, wait_record(self->audit_fd, "setup", self->pid, text,
				 sizeof(text)));
	EXPECT_TRUE(field_is(text, "res", "0"));
}

TEST_F(events, sqpoll_denied_plain_ring_not)
{
	char text[8192];

	ASSERT_EQ(0, load_policy("deny op=sqpoll\n"));
	EXPECT_EQ(0, setup_ring(0));
	EXPECT_EQ(-EACCES, setup_ring(IORING_SETUP_SQPOLL));
	ASSERT_EQ(0, wait_record(self->audit_fd, "sqpoll", self->pid, text,
				 sizeof(text)));
	EXPECT_TRUE(field_is(text, "decision", "deny"));
	EXPECT_TRUE(field_is(text, "res", "0"));
}

TEST_F(events, sqpoll_permissive)
{
	char text[8192];

	ASSERT_EQ(0, load_policy("deny op=sqpoll\n"));
	ASSERT_EQ(0, set_mode("permissive"));
	EXPECT_EQ(0, setup_ring(IORING_SETUP_SQPOLL));
	ASSERT_EQ(0, wait_record(self->audit_fd, "sqpoll", self->pid, text,
				 sizeof(text)));
	EXPECT_TRUE(field_is(text, "permissive", "1"));
	EXPECT_TRUE(field_is(text, "res", "1"));
}

/* A NOP submitted under a registered personality. */
static int personality_nop(unsigned int setup_flags)
{
	struct io_uring_params p = { .flags = setup_flags,
				     .sq_thread_idle = 1000 };
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	int id, ret;

	ret = io_uring_queue_init_params(4, &ring, &p);
	if (ret)
		return ret;
	id = io_uring_register_personality(&ring);
	if (id < 0) {
		io_uring_queue_exit(&ring);
		return id;
	}
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_nop(sqe);
	sqe->personality = id;
	ret = submit_and_wait(&ring);
	io_uring_queue_exit(&ring);
	return ret;
}

TEST_F(events, personality_marked_inline)
{
	char text[8192];

	ASSERT_EQ(0, load_policy("audit op=override_creds\n"));
	ASSERT_EQ(0, personality_nop(0));
	ASSERT_EQ(0, wait_record(self->audit_fd, "override_creds", self->pid,
				 text, sizeof(text)));
	EXPECT_TRUE(field_is(text, "ctx", "inline"));
	EXPECT_TRUE(field_is(text, "personality", "1"));
}

TEST_F(events, personality_marked_sqpoll)
{
	char text[8192];

	ASSERT_EQ(0, load_policy("audit op=override_creds\n"));
	ASSERT_EQ(0, personality_nop(IORING_SETUP_SQPOLL));
	ASSERT_EQ(0, wait_record(self->audit_fd, "override_creds", self->pid,
				 text, sizeof(text)));
	EXPECT_TRUE(field_is(text, "ctx", "sqpoll"));
	EXPECT_TRUE(field_is(text, "personality", "1"));
}

TEST_F(events, personality_denied)
{
	char text[8192];

	ASSERT_EQ(0, load_policy("deny op=override_creds\n"));
	EXPECT_EQ(-EACCES, personality_nop(0));
	ASSERT_EQ(0, wait_record(self->audit_fd, "override_creds", self->pid,
				 text, sizeof(text)));
	EXPECT_TRUE(field_is(text, "res", "0"));
}

TEST_HARNESS_MAIN
