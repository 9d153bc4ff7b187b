/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Helpers shared by the guest tests
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _URINGAUDIT_TESTS_COMMON_H
#define _URINGAUDIT_TESTS_COMMON_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
/* The kernel's own io_uring header first: it has every opcode of 6.12. */
#include <linux/io_uring.h>
#include <liburing.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define SECURITYFS "/sys/kernel/security"
#define URINGAUDIT_DIR SECURITYFS "/uringaudit"

/*
 * read_text() - Read a whole small file into @buf, NUL-terminated.
 * Return: the number of bytes read, or -errno.
 */
static inline ssize_t read_text(const char *path, char *buf, size_t size)
{
	ssize_t len, total = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while ((size_t)total < size - 1) {
		len = read(fd, buf + total, size - 1 - total);
		if (len < 0) {
			len = -errno;
			close(fd);
			return len;
		}
		if (len == 0)
			break;
		total += len;
	}
	buf[total] = '\0';
	close(fd);
	return total;
}

/*
 * list_has() - Whether the comma-separated @list names @name exactly.
 */
static inline bool list_has(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while ((p = strstr(p, name))) {
		bool start = p == list || p[-1] == ',' || p[-1] == '=';
		bool end = p[n] == '\0' || p[n] == ',' || p[n] == ' ' ||
			   p[n] == '\n';

		if (start && end)
			return true;
		p += n;
	}
	return false;
}

/*
 * uringaudit_expected() - Whether this boot asked for uringaudit.
 *
 * The test kernel lists uringaudit in CONFIG_LSM, so without an lsm=
 * parameter it is active; with one, only if lsm= names it.
 */
static inline bool uringaudit_expected(void)
{
	char cmdline[4096];
	const char *lsm;

	if (read_text("/proc/cmdline", cmdline, sizeof(cmdline)) < 0)
		return true;
	lsm = strstr(cmdline, "lsm=");
	while (lsm && lsm != cmdline && lsm[-1] != ' ')
		lsm = strstr(lsm + 1, "lsm=");
	if (!lsm)
		return true;
	lsm += strlen("lsm=");
	{
		char list[1024];
		size_t n = strcspn(lsm, " \n");

		if (n >= sizeof(list))
			n = sizeof(list) - 1;
		memcpy(list, lsm, n);
		list[n] = '\0';
		return list_has(list, "uringaudit");
	}
}

/*
 * thread_names() - The comm of every thread of this process, space
 * separated, into @buf.
 * Return: 0, or -errno.
 */
static inline int thread_names(char *buf, size_t size)
{
	char path[300], comm[32];
	size_t len = 0;
	struct dirent *de;
	DIR *dir;

	buf[0] = '\0';
	dir = opendir("/proc/self/task");
	if (!dir)
		return -errno;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%s/comm",
			 de->d_name);
		if (read_text(path, comm, sizeof(comm)) <= 0)
			continue;
		comm[strcspn(comm, "\n")] = '\0';
		len += snprintf(buf + len, len < size ? size - len : 0, "%s ",
				comm);
	}
	closedir(dir);
	return 0;
}

/*
 * count_threads() - Number of threads of this process whose comm starts
 * with @prefix.
 */
static inline int count_threads(const char *prefix)
{
	char names[1024], *tok, *save;
	int count = 0, ret;

	ret = thread_names(names, sizeof(names));
	if (ret)
		return ret;
	for (tok = strtok_r(names, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save))
		if (!strncmp(tok, prefix, strlen(prefix)))
			count++;
	return count;
}

/*
 * submit_and_wait() - Submit what is queued on @ring and wait for one
 * completion, at most two seconds.
 * Return: the CQE's res, or -ETIME/-errno when none came.
 */
static inline int submit_and_wait(struct io_uring *ring)
{
	struct __kernel_timespec ts = { .tv_sec = 2 };
	struct io_uring_cqe *cqe;
	int ret;

	ret = io_uring_submit(ring);
	if (ret < 0)
		return ret;
	ret = io_uring_wait_cqe_timeout(ring, &cqe, &ts);
	if (ret < 0)
		return ret;
	ret = cqe->res;
	io_uring_cqe_seen(ring, cqe);
	return ret;
}

/*
 * nop() - Run a NOP through @ring.  On an SQPOLL ring, the SQ thread has
 * then started and named itself iou-sqp-PID.
 * Return: the NOP's result, or -errno.
 */
static inline int nop(struct io_uring *ring)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	if (!sqe)
		return -EBUSY;
	io_uring_prep_nop(sqe);
	return submit_and_wait(ring);
}

/*
 * write_bytes() - Write @len bytes of @buf to @path in one write(2).
 * Return: 0, or -errno.
 */
static inline int write_bytes(const char *path, const void *buf, size_t len)
{
	ssize_t ret;
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = write(fd, buf, len);
	if (ret < 0)
		err = -errno;
	else if ((size_t)ret != len)
		err = -EIO;
	close(fd);
	return err;
}

/* write_file() - Write the string @text to @path in one write(2). */
static inline int write_file(const char *path, const char *text)
{
	return write_bytes(path, text, strlen(text));
}

/*
 * listen_loopback() - A TCP socket listening on 127.0.0.1:@port, made with
 * plain system calls (not io_uring), SO_REUSEADDR set.
 * Return: the socket, or -1 with errno set.
 */
static inline int listen_loopback(int port)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) || listen(fd, 1)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* load_policy() - Make @text the active policy. Return: 0, or -errno. */
static inline int load_policy(const char *text)
{
	return write_file(URINGAUDIT_DIR "/policy", text);
}

/* set_mode() - "enforce" or "permissive". Return: 0, or -errno. */
static inline int set_mode(const char *mode)
{
	return write_file(URINGAUDIT_DIR "/mode", mode);
}

/*
 * uringaudit_precise() - Whether the kernel has the io_uring LSM hooks:
 * status says "mediation precise" (else "mediation compat").
 */
static inline bool uringaudit_precise(void)
{
	char status[1024];

	if (read_text(URINGAUDIT_DIR "/status", status, sizeof(status)) < 0)
		return false;
	return strstr(status, "mediation precise\n");
}

/* Leave uringaudit as a test found it: allow everything, enforce. */
static inline void reset_uringaudit(void)
{
	set_mode("enforce");
	load_policy("default allow\n");
}

#endif /* _URINGAUDIT_TESTS_COMMON_H */
