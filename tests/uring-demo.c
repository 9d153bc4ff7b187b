// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Demo: one process doing file and socket I/O through io_uring
 * inline, on io-wq and on an SQPOLL thread, and the threads that did it.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <sys/socket.h>

#include "common.h"

static void show_threads(void)
{
	char path[300], comm[32];
	struct dirent *de;
	DIR *dir;

	dir = opendir("/proc/self/task");
	if (!dir)
		return;
	printf("    threads of pid %d:", getpid());
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%s/comm",
			 de->d_name);
		if (read_text(path, comm, sizeof(comm)) > 0) {
			comm[strcspn(comm, "\n")] = '\0';
			printf(" %s(%s)", comm, de->d_name);
		}
	}
	printf("\n");
	closedir(dir);
}

static int run(const char *name, unsigned int setup_flags,
	       unsigned int sqe_flags)
{
	struct io_uring_params p = { .flags = setup_flags,
				     .sq_thread_idle = 1000 };
	char buf[64], path[64];
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	int fd, sv[2], ret;

	ret = io_uring_queue_init_params(8, &ring, &p);
	if (ret < 0) {
		fprintf(stderr, "Failed to set up \"%s\" ring: %s\n", name,
			strerror(-ret));
		return 1;
	}
	snprintf(path, sizeof(path), "/tmp/demo-%s", name);

	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_openat(sqe, AT_FDCWD, path, O_RDWR | O_CREAT, 0600);
	io_uring_sqe_set_flags(sqe, sqe_flags);
	fd = submit_and_wait(&ring);
	printf("  %-6s openat(\"%s\") = %d\n", name, path, fd);
	if (fd < 0)
		goto out;

	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_write(sqe, fd, "hello\n", 6, 0);
	io_uring_sqe_set_flags(sqe, sqe_flags);
	printf("  %-6s write = %d\n", name, submit_and_wait(&ring));

	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_read(sqe, fd, buf, sizeof(buf), 0);
	io_uring_sqe_set_flags(sqe, sqe_flags);
	printf("  %-6s read = %d\n", name, submit_and_wait(&ring));
	close(fd);

	if (!socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) {
		sqe = io_uring_get_sqe(&ring);
		io_uring_prep_send(sqe, sv[0], "ping", 4, 0);
		io_uring_sqe_set_flags(sqe, sqe_flags);
		printf("  %-6s send = %d\n", name, submit_and_wait(&ring));
		close(sv[0]);
		close(sv[1]);
	}
	show_threads();
out:
	io_uring_queue_exit(&ring);
	return fd < 0;
}

int main(void)
{
	int err = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("uring-demo: pid %d\n", getpid());
	err |= run("inline", 0, 0);
	err |= run("iowq", 0, IOSQE_ASYNC);
	err |= run("sqpoll", IORING_SETUP_SQPOLL, 0);
	return err;
}
