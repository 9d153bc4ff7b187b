// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - io_uring keeps working, inline, on io-wq and with SQPOLL,
 * whether uringaudit is active or not.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <sys/socket.h>
#include <sys/stat.h>

#include "kselftest_harness.h"
#include "common.h"

#define DATA_LEN 4096

FIXTURE(uring)
{
	struct io_uring ring;
	char path[64];
};

FIXTURE_VARIANT(uring)
{
	const char *ctx;
	unsigned int setup_flags;
	unsigned int sqe_flags;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(uring, inline)
{
	.ctx = "inline",
};

FIXTURE_VARIANT_ADD(uring, iowq)
{
	.ctx = "iowq",
	.sqe_flags = IOSQE_ASYNC,
};

FIXTURE_VARIANT_ADD(uring, sqpoll)
{
	.ctx = "sqpoll",
	.setup_flags = IORING_SETUP_SQPOLL,
};
/* clang-format on */

FIXTURE_SETUP(uring)
{
	struct io_uring_params p = {
		.flags = variant->setup_flags,
		.sq_thread_idle = 1000,
	};

	snprintf(self->path, sizeof(self->path), "/tmp/uring_test.%d",
		 getpid());
	ASSERT_EQ(0, io_uring_queue_init_params(8, &self->ring, &p))
	{
		TH_LOG("Failed to set up a %s ring", variant->ctx);
	}
}

FIXTURE_TEARDOWN(uring)
{
	io_uring_queue_exit(&self->ring);
	unlink(self->path);
}

/*
 * submit() - Give the last prepared SQE the variant's flags (the prep
 * helpers reset them), submit it and wait for its completion.
 */
static int submit(struct io_uring *ring, struct io_uring_sqe *sqe,
		  const FIXTURE_VARIANT(uring) * variant)
{
	io_uring_sqe_set_flags(sqe, variant->sqe_flags);
	return submit_and_wait(ring);
}

TEST_F(uring, nop)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);

	ASSERT_NE(NULL, sqe);
	io_uring_prep_nop(sqe);
	EXPECT_EQ(0, submit(&self->ring, sqe, variant));
}

/* openat, write, read back, statx and close, all through the ring. */
TEST_F(uring, file_round_trip)
{
	char out[DATA_LEN], in[DATA_LEN];
	struct statx stx;
	struct io_uring_sqe *sqe;
	int fd, ret;

	memset(out, 'u', sizeof(out));
	memset(in, 0, sizeof(in));

	sqe = io_uring_get_sqe(&self->ring);
	ASSERT_NE(NULL, sqe);
	io_uring_prep_openat(sqe, AT_FDCWD, self->path,
			     O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	fd = submit(&self->ring, sqe, variant);
	ASSERT_LE(0, fd)
	{
		TH_LOG("openat: %s", strerror(-fd));
	}

	sqe = io_uring_get_sqe(&self->ring);
	io_uring_prep_write(sqe, fd, out, sizeof(out), 0);
	EXPECT_EQ(DATA_LEN, submit(&self->ring, sqe, variant));

	sqe = io_uring_get_sqe(&self->ring);
	io_uring_prep_read(sqe, fd, in, sizeof(in), 0);
	EXPECT_EQ(DATA_LEN, submit(&self->ring, sqe, variant));
	EXPECT_EQ(0, memcmp(out, in, sizeof(in)));

	sqe = io_uring_get_sqe(&self->ring);
	io_uring_prep_statx(sqe, AT_FDCWD, self->path, 0, STATX_SIZE, &stx);
	EXPECT_EQ(0, submit(&self->ring, sqe, variant));
	EXPECT_EQ(DATA_LEN, stx.stx_size);

	sqe = io_uring_get_sqe(&self->ring);
	io_uring_prep_close(sqe, fd);
	ret = submit(&self->ring, sqe, variant);
	EXPECT_EQ(0, ret);
}

/* A unix stream socket pair: send on one end, recv on the other. */
TEST_F(uring, unix_send_recv)
{
	const char msg[] = "uringaudit";
	char buf[sizeof(msg)] = { 0 };
	struct io_uring_sqe *sqe;
	int sv[2];

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));

	sqe = io_uring_get_sqe(&self->ring);
	io_uring_prep_send(sqe, sv[0], msg, sizeof(msg), 0);
	EXPECT_EQ(sizeof(msg), submit(&self->ring, sqe, variant));

	sqe = io_uring_get_sqe(&self->ring);
	io_uring_prep_recv(sqe, sv[1], buf, sizeof(buf), 0);
	EXPECT_EQ(sizeof(msg), submit(&self->ring, sqe, variant));
	EXPECT_STREQ(msg, buf);

	close(sv[0]);
	close(sv[1]);
}

/* The work really ran in the context the variant names. */
TEST_F(uring, runs_in_context)
{
	char names[1024];
	struct io_uring_cqe *cqe;
	struct io_uring_sqe *sqe;

	sqe = io_uring_get_sqe(&self->ring);
	ASSERT_NE(NULL, sqe);
	io_uring_prep_nop(sqe);

	if (!strcmp(variant->ctx, "inline")) {
		/* An inline NOP has completed when io_uring_enter returns. */
		ASSERT_EQ(1, io_uring_submit(&self->ring));
		ASSERT_EQ(0, io_uring_peek_cqe(&self->ring, &cqe));
		io_uring_cqe_seen(&self->ring, cqe);
		EXPECT_EQ(0, count_threads("iou-sqp-"));
	} else if (!strcmp(variant->ctx, "iowq")) {
		ASSERT_EQ(0, submit(&self->ring, sqe, variant));
		EXPECT_LE(1, count_threads("iou-wrk-"))
		{
			thread_names(names, sizeof(names));
			TH_LOG("threads: %s", names);
		}
	} else {
		ASSERT_EQ(0, submit(&self->ring, sqe, variant));
		EXPECT_EQ(1, count_threads("iou-sqp-"))
		{
			thread_names(names, sizeof(names));
			TH_LOG("threads: %s", names);
		}
	}
}

TEST_HARNESS_MAIN
