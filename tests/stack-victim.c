// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - The program the stacking tests confine: open one file
 * read-only through io_uring, in the context asked for.  AppArmor's
 * profile of the stacking boot attaches to it by its path,
 * /tests/stack-victim.
 *
 * Usage: stack-victim inline|iowq|sqpoll PATH
 *
 * Exit codes: 0 the open succeeded; otherwise the errno of its completion
 * (13 for EACCES); STACK_VICTIM_USAGE on a usage error or a ring that
 * could not be set up.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "common.h"
#include "stack.h"

int main(int argc, char **argv)
{
	struct io_uring_params p = { .sq_thread_idle = 1000 };
	unsigned int sqe_flags = 0;
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	int ret;

	if (argc != 3 ||
	    (strcmp(argv[1], "inline") && strcmp(argv[1], "iowq") &&
	     strcmp(argv[1], "sqpoll"))) {
		fprintf(stderr,
			"usage: stack-victim inline|iowq|sqpoll PATH\n");
		return STACK_VICTIM_USAGE;
	}
	if (!strcmp(argv[1], "iowq"))
		sqe_flags = IOSQE_ASYNC;
	else if (!strcmp(argv[1], "sqpoll"))
		p.flags = IORING_SETUP_SQPOLL;
	ret = io_uring_queue_init_params(4, &ring, &p);
	if (ret) {
		fprintf(stderr, "Failed to set up \"io_uring\": %s\n",
			strerror(-ret));
		return STACK_VICTIM_USAGE;
	}
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_openat(sqe, AT_FDCWD, argv[2], O_RDONLY | O_CLOEXEC, 0);
	io_uring_sqe_set_flags(sqe, sqe_flags);
	ret = submit_and_wait(&ring);
	io_uring_queue_exit(&ring);
	if (ret < 0)
		return -ret < STACK_VICTIM_USAGE ? -ret : STACK_VICTIM_USAGE;
	close(ret);
	return 0;
}
