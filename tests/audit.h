/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Reading audit records in the guest tests
 *
 * Records are read from the audit netlink multicast group
 * (AUDIT_NLGRP_READLOG), which every record reaches whether an audit daemon
 * runs or not.  A reader opened before an op sees every record emitted
 * after it, in order; reads wait on the socket, with a deadline.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _URINGAUDIT_TESTS_AUDIT_H
#define _URINGAUDIT_TESTS_AUDIT_H

#include <errno.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Time a test waits for a record it expects. */
#define AUDIT_WAIT_MS 3000

/* One record: its type, serial and text after "audit(T:S): ". */
struct audit_record {
	int type;
	unsigned long serial;
	char text[8192];
};

/* audit_open() - Join the multicast group; return the socket or -errno. */
static inline int audit_open(void)
{
	struct sockaddr_nl addr = {
		.nl_family = AF_NETLINK,
		.nl_groups = 1 << (AUDIT_NLGRP_READLOG - 1),
	};
	int fd, size = 4 << 20;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (fd < 0)
		return -errno;
	/* Past rmem_max when root may: a burst must not overflow it. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

static inline long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * audit_next() - The next record, waiting until @deadline (now_ms() time).
 * Return: 0, -ETIMEDOUT, or -errno.
 */
static inline int audit_next(int fd, struct audit_record *rec, long deadline)
{
	char buf[NLMSG_SPACE(sizeof(rec->text))];
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	const char *p, *colon;
	ssize_t len;
	size_t n;
	int ret;

	for (;;) {
		long left = deadline - now_ms();

		if (left <= 0)
			return -ETIMEDOUT;
		ret = poll(&pfd, 1, (int)left);
		if (ret < 0)
			return -errno;
		if (!ret)
			return -ETIMEDOUT;
		len = recv(fd, buf, sizeof(buf), 0);
		if (len < 0)
			return -errno;
		if (!NLMSG_OK(nlh, (size_t)len))
			continue;
		rec->type = nlh->nlmsg_type;
		n = nlh->nlmsg_len - NLMSG_HDRLEN;
		if (n >= sizeof(rec->text))
			n = sizeof(rec->text) - 1;
		memcpy(rec->text, NLMSG_DATA(nlh), n);
		rec->text[n] = '\0';
		rec->serial = 0;
		/* "audit(1700000000.123:42): fields" */
		p = strchr(rec->text, ':');
		colon = p ? strstr(p, "): ") : NULL;
		if (p && colon) {
			rec->serial = strtoul(p + 1, NULL, 10);
			memmove(rec->text, colon + 3, strlen(colon + 3) + 1);
		}
		return 0;
	}
}

/* field_is() - Whether @text has the field " key=value" exactly. */
static inline bool field_is(const char *text, const char *key,
			    const char *value)
{
	char want[256];
	const char *p = text;
	size_t n;

	n = snprintf(want, sizeof(want), "%s=%s", key, value);
	while ((p = strstr(p, want))) {
		if ((p == text || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return true;
		p += n;
	}
	return false;
}

/*
 * field_get() - Copy the value of field @key of @text into @buf.
 * Return: true when the field is there.
 */
static inline bool field_get(const char *text, const char *key, char *buf,
			     size_t size)
{
	char want[64];
	const char *p = text;
	size_t n, klen;

	klen = snprintf(want, sizeof(want), "%s=", key);
	while ((p = strstr(p, want))) {
		if (p == text || p[-1] == ' ') {
			p += klen;
			/* A quoted value may hold blanks; return it unquoted. */
			if (*p == '"')
				n = strcspn(++p, "\"");
			else
				n = strcspn(p, " ");
			if (n >= size)
				n = size - 1;
			memcpy(buf, p, n);
			buf[n] = '\0';
			return true;
		}
		p += klen;
	}
	return false;
}

/*
 * field_has() - Whether field @key of @text is a comma-separated list that
 * holds @item (op= lists every class an op was recorded for).
 */
static inline bool field_has(const char *text, const char *key,
			     const char *item)
{
	char list[256];
	size_t n = strlen(item);
	const char *p;

	if (!field_get(text, key, list, sizeof(list)))
		return false;
	for (p = list; *p; p += strcspn(p, ","), p += !!*p)
		if (strcspn(p, ",") == n && !strncmp(p, item, n))
			return true;
	return false;
}

/* A test of a record: whether it is the one a test waits for. */
typedef bool (*audit_match_t)(const struct audit_record *rec, const void *arg);

/*
 * audit_wait() - Read records until one matches, for AUDIT_WAIT_MS.
 * Return: 0 with the record in @rec, -ETIMEDOUT, or -errno.
 */
static inline int audit_wait(int fd, struct audit_record *rec,
			     audit_match_t match, const void *arg)
{
	long deadline = now_ms() + AUDIT_WAIT_MS;
	int ret;

	for (;;) {
		ret = audit_next(fd, rec, deadline);
		if (ret || match(rec, arg))
			return ret;
	}
}

/*
 * What a uringaudit record must say: op (one of the classes it lists), ctx
 * (or any), origin_pid.
 */
struct op_record {
	const char *op;
	const char *ctx;
	const char *pid;
};

static inline bool is_op_record(const struct audit_record *rec, const void *arg)
{
	const struct op_record *want = arg;

	return rec->type == AUDIT_URINGAUDIT &&
	       field_has(rec->text, "op", want->op) &&
	       (!want->ctx || field_is(rec->text, "ctx", want->ctx)) &&
	       field_is(rec->text, "origin_pid", want->pid);
}

/*
 * audit_wait_op() - Wait for the uringaudit record of @op (in @ctx, or any
 * context when NULL) of process @pid.
 * Return: as audit_wait().
 */
static inline int audit_wait_op(int fd, struct audit_record *rec,
				const char *op, const char *ctx,
				const char *pid)
{
	const struct op_record want = { op, ctx, pid };

	return audit_wait(fd, rec, is_op_record, &want);
}

#endif /* _URINGAUDIT_TESTS_AUDIT_H */
