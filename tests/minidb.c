// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - A database-like workload for learn_test: one SQPOLL ring
 * for its files and for its client's socket.
 *
 * Usage: minidb DIR PORT
 *
 * Through the ring it opens (creating them) six table files under
 * DIR/data, writes a page to each and reads it back, appends to DIR/wal.log
 * and reads its configuration, DIR/etc/"my conf.ini" (a name with a blank,
 * which audit writes in hex).  Then it serves one client on 127.0.0.1:PORT:
 * accept, recv and send through the ring.  The client is a child process
 * using plain system calls, as are the directories and the listening
 * socket.
 *
 * Exit codes: 0 everything went through, 1 an op failed, 2 setup failed.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "common.h"

#define TABLES 6
#define PAGE 512

static struct io_uring ring;
static int failed;

/* Run one op through the ring; say what failed. */
static int run(const char *what, const char *arg)
{
	int ret = submit_and_wait(&ring);

	if (ret < 0) {
		fprintf(stderr, "Failed to %s \"%s\": %s\n", what, arg,
			strerror(-ret));
		failed = 1;
	}
	return ret;
}

static int ring_open(const char *path, int flags)
{
	io_uring_prep_openat(io_uring_get_sqe(&ring), AT_FDCWD, path, flags,
			     0600);
	return run("open", path);
}

/* Write a page to a table, read it back. */
static void table(const char *dir, int i)
{
	char path[4096], page[PAGE], back[PAGE];
	int fd;

	snprintf(path, sizeof(path), "%s/data/t%d.dat", dir, i);
	fd = ring_open(path, O_RDWR | O_CREAT | O_CLOEXEC);
	if (fd < 0)
		return;
	memset(page, 'a' + i, sizeof(page));
	io_uring_prep_write(io_uring_get_sqe(&ring), fd, page, sizeof(page), 0);
	run("write", path);
	io_uring_prep_read(io_uring_get_sqe(&ring), fd, back, sizeof(back), 0);
	if (run("read", path) == PAGE && memcmp(page, back, PAGE)) {
		fprintf(stderr, "Failed to read back \"%s\"\n", path);
		failed = 1;
	}
	close(fd);
}

static void files(const char *dir)
{
	char path[4096], conf[256];
	int fd, i;

	for (i = 0; i < TABLES; i++)
		table(dir, i);
	snprintf(path, sizeof(path), "%s/wal.log", dir);
	fd = ring_open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC);
	if (fd >= 0) {
		io_uring_prep_write(io_uring_get_sqe(&ring), fd, "commit\n", 7,
				    0);
		run("write", path);
		close(fd);
	}
	snprintf(path, sizeof(path), "%s/etc/my conf.ini", dir);
	fd = ring_open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		io_uring_prep_read(io_uring_get_sqe(&ring), fd, conf,
				   sizeof(conf) - 1, 0);
		run("read", path);
		close(fd);
	}
}

/* The client: plain system calls. */
static void client(int port)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	char reply[64];
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0 || connect(fd, (struct sockaddr *)&sin, sizeof(sin)) ||
	    write(fd, "GET t3", 6) != 6 || read(fd, reply, sizeof(reply)) <= 0)
		_exit(1);
	_exit(0);
}

static void serve(int lfd)
{
	char query[64];
	int fd;

	io_uring_prep_accept(io_uring_get_sqe(&ring), lfd, NULL, NULL, 0);
	fd = run("accept", "client");
	if (fd < 0)
		return;
	io_uring_prep_recv(io_uring_get_sqe(&ring), fd, query,
			   sizeof(query) - 1, 0);
	if (run("recv", "query") > 0) {
		io_uring_prep_send(io_uring_get_sqe(&ring), fd, "page 3\n", 7,
				   0);
		run("send", "reply");
	}
	close(fd);
}

int main(int argc, char **argv)
{
	struct io_uring_params p = { .flags = IORING_SETUP_SQPOLL,
				     .sq_thread_idle = 2000 };
	char path[4096];
	int lfd, status, ret;
	pid_t pid;

	if (argc != 3) {
		fprintf(stderr, "usage: minidb DIR PORT\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/data", argv[1]);
	mkdir(argv[1], 0700);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/etc", argv[1]);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/etc/my conf.ini", argv[1]);
	lfd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (lfd < 0 || write(lfd, "pages=6\n", 8) != 8) {
		fprintf(stderr, "Failed to write \"%s\": %s\n", path,
			strerror(errno));
		return 2;
	}
	close(lfd);
	lfd = listen_loopback(atoi(argv[2]));
	if (lfd < 0) {
		fprintf(stderr, "Failed to listen on \"127.0.0.1:%s\": %s\n",
			argv[2], strerror(errno));
		return 2;
	}
	ret = io_uring_queue_init_params(8, &ring, &p);
	if (ret) {
		fprintf(stderr, "Failed to set up \"an SQPOLL ring\": %s\n",
			strerror(-ret));
		return 2;
	}
	files(argv[1]);
	pid = fork();
	if (pid == 0)
		client(atoi(argv[2]));
	serve(lfd);
	close(lfd);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		fprintf(stderr, "Failed to serve \"the client\"\n");
		failed = 1;
	}
	io_uring_queue_exit(&ring);
	return failed;
}
