// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - The socket op classes over IPv6, on the loopback ::1: each
 * op inline and on io-wq is recorded with family=AF_INET6, and with
 * addr=::1 and the port of the address the op uses: the one it names
 * (bind, connect, send with an address), the socket's own (listen,
 * accept), the peer's (recv, shutdown).  A deny rule on the family fails
 * it with -EACCES, and its record names the address too.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <arpa/inet.h>
#include <linux/uringaudit.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "kselftest_harness.h"
#include "audit.h"
#include "common.h"

FIXTURE(ipv6)
{
	struct io_uring ring;
	int audit_fd;
	int fds[4];
	/* The port the record must name; none when empty. */
	char port[8];
};

FIXTURE_VARIANT(ipv6)
{
	const char *op;
	const char *ctx;
	unsigned int sqe_flags;
	int (*run)(struct _test_data_ipv6 * self,
		   const struct _fixture_variant_ipv6 *variant);
};

/* The port of @fd's own address (@peer false) or of its peer's, as text. */
static void port_of(struct _test_data_ipv6 *self, int fd, bool peer)
{
	struct sockaddr_in6 sin6;
	socklen_t len = sizeof(sin6);

	if (!(peer ? getpeername : getsockname)(fd, (struct sockaddr *)&sin6,
						&len))
		snprintf(self->port, sizeof(self->port), "%u",
			 ntohs(sin6.sin6_port));
}

/* Keep @fd to close it in the teardown; return it. */
static int keep(struct _test_data_ipv6 *self, int fd)
{
	size_t i;

	for (i = 0; fd >= 0 && i < ARRAY_SIZE(self->fds); i++)
		if (self->fds[i] < 0) {
			self->fds[i] = fd;
			break;
		}
	return fd;
}

static struct sockaddr_in6 loopback(unsigned short port)
{
	struct sockaddr_in6 sin6 = {
		.sin6_family = AF_INET6,
		.sin6_addr = IN6ADDR_LOOPBACK_INIT,
		.sin6_port = htons(port),
	};

	return sin6;
}

/* A socket of @type bound to [::1]:0; its port goes to @port. */
static int bound(struct _test_data_ipv6 *self, int type, unsigned short *port)
{
	struct sockaddr_in6 sin6 = loopback(0);
	socklen_t len = sizeof(sin6);
	int fd = keep(self, socket(AF_INET6, type | SOCK_CLOEXEC, 0));

	if (fd < 0 || bind(fd, (struct sockaddr *)&sin6, len) ||
	    getsockname(fd, (struct sockaddr *)&sin6, &len))
		return -errno;
	*port = ntohs(sin6.sin6_port);
	return fd;
}

/* A listening TCP socket on [::1]; its port goes to @port. */
static int listener(struct _test_data_ipv6 *self, unsigned short *port)
{
	int fd = bound(self, SOCK_STREAM, port);

	if (fd >= 0 && listen(fd, 4))
		return -errno;
	return fd;
}

/* A connected TCP pair over ::1: @fds[0] the client, @fds[1] accepted. */
static int tcp_pair(struct _test_data_ipv6 *self, int fds[2])
{
	unsigned short port;
	struct sockaddr_in6 sin6;
	int lfd = listener(self, &port);

	if (lfd < 0)
		return lfd;
	sin6 = loopback(port);
	fds[0] = keep(self, socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
	if (fds[0] < 0 ||
	    connect(fds[0], (struct sockaddr *)&sin6, sizeof(sin6)))
		return -errno;
	fds[1] = keep(self, accept4(lfd, NULL, NULL, SOCK_CLOEXEC));
	return fds[1] < 0 ? -errno : 0;
}

/* Submit @sqe with the variant's flags; a result >= 0 becomes 0. */
static int submit(struct _test_data_ipv6 *self,
		  const struct _fixture_variant_ipv6 *variant,
		  struct io_uring_sqe *sqe)
{
	int ret;

	io_uring_sqe_set_flags(sqe, variant->sqe_flags);
	ret = keep(self, submit_and_wait(&self->ring));
	return ret < 0 ? ret : 0;
}

static int run_socket(struct _test_data_ipv6 *self,
		      const struct _fixture_variant_ipv6 *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);

	io_uring_prep_socket(sqe, AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0, 0);
	return submit(self, variant, sqe);
}

static int run_bind(struct _test_data_ipv6 *self,
		    const struct _fixture_variant_ipv6 *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	static struct sockaddr_in6 sin6;
	unsigned short port;
	int fd = bound(self, SOCK_STREAM, &port);

	/* A port that was free a moment ago, for the ring to bind. */
	if (fd < 0)
		return fd;
	close(fd);
	self->fds[0] = -1;
	fd = keep(self, socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
	if (fd < 0)
		return -errno;
	sin6 = loopback(port);
	snprintf(self->port, sizeof(self->port), "%u", port);
	io_uring_prep_rw(IORING_OP_BIND, sqe, fd, &sin6, 0, sizeof(sin6));
	return submit(self, variant, sqe);
}

static int run_listen(struct _test_data_ipv6 *self,
		      const struct _fixture_variant_ipv6 *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	unsigned short port;
	int fd = bound(self, SOCK_STREAM, &port);

	if (fd < 0)
		return fd;
	port_of(self, fd, false);
	io_uring_prep_rw(IORING_OP_LISTEN, sqe, fd, NULL, 4, 0);
	return submit(self, variant, sqe);
}

static int run_accept(struct _test_data_ipv6 *self,
		      const struct _fixture_variant_ipv6 *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	unsigned short port;
	struct sockaddr_in6 sin6;
	int lfd = listener(self, &port), fd;

	if (lfd < 0)
		return lfd;
	sin6 = loopback(port);
	fd = keep(self, socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
	if (fd < 0 || connect(fd, (struct sockaddr *)&sin6, sizeof(sin6)))
		return -errno;
	port_of(self, lfd, false);
	io_uring_prep_accept(sqe, lfd, NULL, NULL, SOCK_CLOEXEC);
	return submit(self, variant, sqe);
}

static int run_connect(struct _test_data_ipv6 *self,
		       const struct _fixture_variant_ipv6 *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	static struct sockaddr_in6 sin6;
	unsigned short port;
	int lfd = listener(self, &port), fd;

	if (lfd < 0)
		return lfd;
	fd = keep(self, socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0));
	if (fd < 0)
		return -errno;
	sin6 = loopback(port);
	snprintf(self->port, sizeof(self->port), "%u", port);
	io_uring_prep_connect(sqe, fd, (struct sockaddr *)&sin6, sizeof(sin6));
	return submit(self, variant, sqe);
}

/* A UDP datagram to [::1]:port: the send names its address. */
static int run_send(struct _test_data_ipv6 *self,
		    const struct _fixture_variant_ipv6 *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	static struct sockaddr_in6 sin6;
	unsigned short port;
	int rfd = bound(self, SOCK_DGRAM, &port), fd;

	if (rfd < 0)
		return rfd;
	fd = keep(self, socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	if (fd < 0)
		return -errno;
	sin6 = loopback(port);
	snprintf(self->port, sizeof(self->port), "%u", port);
	io_uring_prep_send(sqe, fd, "ping", 4, 0);
	io_uring_prep_send_set_addr(sqe, (struct sockaddr *)&sin6,
				    sizeof(sin6));
	return submit(self, variant, sqe);
}

static int run_recv(struct _test_data_ipv6 *self,
		    const struct _fixture_variant_ipv6 *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	static char buf[4];
	int pair[2], ret = tcp_pair(self, pair);

	if (ret)
		return ret;
	if (write(pair[0], "ping", 4) != 4)
		return -EIO;
	port_of(self, pair[1], true);
	io_uring_prep_recv(sqe, pair[1], buf, sizeof(buf), MSG_WAITALL);
	return submit(self, variant, sqe);
}

static int run_shutdown(struct _test_data_ipv6 *self,
			const struct _fixture_variant_ipv6 *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	int pair[2], ret = tcp_pair(self, pair);

	if (ret)
		return ret;
	port_of(self, pair[0], true);
	io_uring_prep_shutdown(sqe, pair[0], SHUT_WR);
	return submit(self, variant, sqe);
}

/* clang-format off */
#define VARIANT(name, opname, ctxname, flags)				\
	FIXTURE_VARIANT_ADD(ipv6, name##_##ctxname) {			\
		.op = opname,						\
		.ctx = #ctxname,					\
		.sqe_flags = flags,					\
		.run = run_##name,					\
	}

/* Inline, and on io-wq when the submitter asks for it. */
#define BOTH_CTX(name)							\
	VARIANT(name, #name, inline, 0);				\
	VARIANT(name, #name, iowq, IOSQE_ASYNC)

BOTH_CTX(socket);
BOTH_CTX(bind);
BOTH_CTX(listen);
BOTH_CTX(accept);
BOTH_CTX(connect);
BOTH_CTX(send);
BOTH_CTX(recv);
/* io_uring always runs a shutdown on io-wq. */
VARIANT(shutdown, "shutdown", iowq, 0);
/* clang-format on */

FIXTURE_SETUP(ipv6)
{
	memset(self->fds, -1, sizeof(self->fds));
	self->port[0] = '\0';
	self->audit_fd = -1;
	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	reset_uringaudit();
	self->audit_fd = audit_open();
	ASSERT_LE(0, self->audit_fd);
	ASSERT_EQ(0, io_uring_queue_init(8, &self->ring, 0));
}

FIXTURE_TEARDOWN(ipv6)
{
	size_t i;

	if (self->audit_fd < 0)
		return;
	reset_uringaudit();
	io_uring_queue_exit(&self->ring);
	for (i = 0; i < ARRAY_SIZE(self->fds); i++)
		if (self->fds[i] >= 0)
			close(self->fds[i]);
	close(self->audit_fd);
}

/* A record of @arg's op and process, issued first in @arg's context. */
static bool issued_in(const struct audit_record *rec, const void *arg)
{
	const struct op_record *want = arg;
	const struct op_record any = { want->op, NULL, want->pid };

	return is_op_record(rec, &any) &&
	       (field_is(rec->text, "first_ctx", want->ctx) ||
		(!strstr(rec->text, " first_ctx=") &&
		 field_is(rec->text, "ctx", want->ctx)));
}

/* This process's record of the variant's op: @decision, IPv6, address. */
static void expect_record(struct __test_metadata *const _metadata,
			  FIXTURE_DATA(ipv6) * self,
			  const FIXTURE_VARIANT(ipv6) * variant,
			  const char *decision)
{
	struct audit_record rec;
	char pid[16], family[8];

	snprintf(pid, sizeof(pid), "%d", getpid());
	snprintf(family, sizeof(family), "%d", AF_INET6);
	/*
	 * Issued in the variant's context, first: a connect issued inline
	 * waits for its handshake and is issued again from task_work, and
	 * its one record says so with first_ctx=.
	 */
	ASSERT_EQ(0, audit_wait(self->audit_fd, &rec, issued_in,
				&(struct op_record){ variant->op, variant->ctx,
						     pid }))
	{
		TH_LOG("no record of op=%s ctx=%s", variant->op, variant->ctx);
	}
	TH_LOG("record: %s", rec.text);
	EXPECT_EQ(AUDIT_URINGAUDIT, rec.type);
	EXPECT_TRUE(field_is(rec.text, "decision", decision));
	EXPECT_TRUE(field_is(rec.text, "family", family));
	if (self->port[0]) {
		EXPECT_TRUE(field_is(rec.text, "addr", "::1"));
		EXPECT_TRUE(field_is(rec.text, "port", self->port));
	} else {
		EXPECT_EQ(NULL, strstr(rec.text, " addr="));
	}
}

TEST_F(ipv6, audit_records_op)
{
	char policy[64];

	snprintf(policy, sizeof(policy), "audit op=%s\n", variant->op);
	ASSERT_EQ(0, load_policy(policy));
	EXPECT_EQ(0, variant->run(self, variant));
	expect_record(_metadata, self, variant, "audit");
}

/*
 * The rule names the address (any IPv6 one; the family for socket, which
 * has none): the decision waits for the hook that shows it, and the
 * record names it.
 */
TEST_F(ipv6, deny_fails_op)
{
	bool no_addr = !strcmp(variant->op, "socket");
	char policy[80];

	snprintf(policy, sizeof(policy), "deny op=%s ctx=%s %s\n", variant->op,
		 variant->ctx, no_addr ? "family=inet6" : "addr=::/0");
	ASSERT_EQ(0, load_policy(policy));
	EXPECT_EQ(-EACCES, variant->run(self, variant));
	expect_record(_metadata, self, variant, "deny");
}

TEST_HARNESS_MAIN
