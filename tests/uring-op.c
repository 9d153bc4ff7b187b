// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Run one io_uring op, for shell tests.
 *
 * Usage: uring-op open PATH     open PATH read-only, inline
 *        uring-op mkdir PATH    mkdirat PATH (always on io-wq)
 *        uring-op sqpoll-open PATH   open PATH on an SQPOLL ring
 *        uring-op read FD       read a byte of descriptor FD, inline
 *
 * Exit codes: 0 the op succeeded, 1 it failed (the error is printed),
 * 2 usage error or ring setup failed, 3 it was refused (EACCES).
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "common.h"

int main(int argc, char **argv)
{
	struct io_uring_params p = { .sq_thread_idle = 1000 };
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	int ret;

	static char byte;

	if (argc != 3) {
		fprintf(stderr,
			"usage: uring-op open|mkdir|sqpoll-open PATH, or uring-op read FD\n");
		return 2;
	}
	if (!strcmp(argv[1], "sqpoll-open"))
		p.flags = IORING_SETUP_SQPOLL;
	ret = io_uring_queue_init_params(4, &ring, &p);
	if (ret) {
		fprintf(stderr, "Failed to set up \"io_uring\": %s\n",
			strerror(-ret));
		return 2;
	}
	sqe = io_uring_get_sqe(&ring);
	if (!strcmp(argv[1], "mkdir")) {
		io_uring_prep_mkdirat(sqe, AT_FDCWD, argv[2], 0700);
	} else if (!strcmp(argv[1], "open") ||
		   !strcmp(argv[1], "sqpoll-open")) {
		io_uring_prep_openat(sqe, AT_FDCWD, argv[2],
				     O_RDONLY | O_CLOEXEC, 0);
	} else if (!strcmp(argv[1], "read")) {
		io_uring_prep_read(sqe, atoi(argv[2]), &byte, 1, 0);
	} else {
		fprintf(stderr,
			"usage: uring-op open|mkdir|sqpoll-open PATH, or uring-op read FD\n");
		return 2;
	}
	ret = submit_and_wait(&ring);
	io_uring_queue_exit(&ring);
	if (ret < 0) {
		fprintf(stderr, "Failed to %s \"%s\": %s\n", argv[1], argv[2],
			strerror(-ret));
		return ret == -EACCES ? 3 : 1;
	}
	if (!strcmp(argv[1], "open") || !strcmp(argv[1], "sqpoll-open"))
		close(ret);
	return 0;
}
