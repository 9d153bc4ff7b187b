// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - A decision is about the object the kernel acts on, and its
 * record names that object and the rule that decided it.  Each test is an
 * attack that names one thing while the kernel acts on another, run inline,
 * on io-wq (IOSQE_ASYNC) and with SQPOLL; each has an allowed twin:
 *
 * - a unix socket reached through another name for its file (a symbolic
 *   link, a path relative to the working directory, ".", "//",
 *   /proc/self/cwd): denied by the rule on the socket file;
 * - an abstract unix name of the full 108 bytes: matched whole;
 * - an IPv4 peer of an AF_INET6 socket (::ffff:a.b.c.d): an IPv4 address;
 * - a send on a connected stream socket that names another address: it
 *   goes to the peer, and is decided on the peer (SEND, SENDMSG, SEND_ZC);
 * - a TCP socket connected again to a denied peer: nothing it was allowed
 *   before is remembered for it (a SPLICE reaches no recvmsg hook);
 * - a file of overlayfs, mounted by an unprivileged user in its own user
 *   namespace, and a file of FUSE with passthrough (as root: registering
 *   a backing file needs CAP_SYS_ADMIN): the file under it is decided;
 * - a name made in a denied directory (an O_CREAT open, a unix socket's
 *   bind): refused before it exists, nothing left behind;
 * - a multishot poll armed while allowed: its next round is refused;
 * - records: the name of an earlier op's object never shows in a later
 *   record; a rename names both its names and the rule on either.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <arpa/inet.h>
#include <linux/limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "audit.h"
#include "common.h"
#include "fuse_server.h"
#include "identity.h"

#ifndef IORING_OP_BIND
#define IORING_OP_BIND 56
#endif

FIXTURE(objects)
{
	int audit_fd;
	struct io_uring ring;
	bool ring_ok;
	char dir[64];
	char pid[16];
};

FIXTURE_VARIANT(objects)
{
	unsigned int setup;
	__u8 sqe_flags;
};

FIXTURE_VARIANT_ADD(objects, inline){
	.setup = 0,
	.sqe_flags = 0,
};

FIXTURE_VARIANT_ADD(objects, iowq){
	.setup = 0,
	.sqe_flags = IOSQE_ASYNC,
};

FIXTURE_VARIANT_ADD(objects, sqpoll){
	.setup = IORING_SETUP_SQPOLL,
	.sqe_flags = 0,
};

FIXTURE_SETUP(objects)
{
	self->audit_fd = -1;
	self->ring_ok = false;
	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	if (!uringaudit_precise())
		SKIP(return, "needs the io_uring LSM hook series");
	reset_uringaudit();
	snprintf(self->pid, sizeof(self->pid), "%d", getpid());
	snprintf(self->dir, sizeof(self->dir), "/tmp/objects.%d", getpid());
	ASSERT_EQ(0, mkdir(self->dir, 0755));
	ASSERT_EQ(0, io_uring_queue_init(8, &self->ring, variant->setup));
	self->ring_ok = true;
	self->audit_fd = audit_open();
	ASSERT_LE(0, self->audit_fd);
}

FIXTURE_TEARDOWN(objects)
{
	reset_uringaudit();
	if (self->ring_ok)
		io_uring_queue_exit(&self->ring);
	if (self->audit_fd >= 0)
		close(self->audit_fd);
	if (self->dir[0])
		idt_rm_rf(self->dir);
}

/* Queue an SQE made by @prep on the fixture's ring, in its context. */
#define PREP(prep, ...)                                                     \
	do {                                                                \
		struct io_uring_sqe *__sqe = io_uring_get_sqe(&self->ring); \
		prep(__sqe, __VA_ARGS__);                                   \
		__sqe->flags |= variant->sqe_flags;                         \
	} while (0)

/* What a record must hold: each "key=value", the value unquoted. */
struct want {
	const char *fields[6];
};

static bool has_fields(const struct audit_record *rec, const void *arg)
{
	const struct want *want = arg;
	char key[64], val[4096];
	size_t i;

	if (rec->type != AUDIT_URINGAUDIT)
		return false;
	for (i = 0; i < ARRAY_SIZE(want->fields) && want->fields[i]; i++) {
		const char *eq = strchr(want->fields[i], '=');

		snprintf(key, sizeof(key), "%.*s", (int)(eq - want->fields[i]),
			 want->fields[i]);
		if (!field_get(rec->text, key, val, sizeof(val)) ||
		    strcmp(val, eq + 1))
			return false;
	}
	return true;
}

/* Wait for the record with every field given; log it. */
#define WAIT_RECORD(rec, ...)                                            \
	do {                                                             \
		const struct want __want = { { __VA_ARGS__ } };          \
		ASSERT_EQ(0, audit_wait(self->audit_fd, rec, has_fields, \
					&__want))                        \
		{                                                        \
			TH_LOG("no record with %s", #__VA_ARGS__);       \
		}                                                        \
		TH_LOG("record: %s", (rec)->text);                       \
	} while (0)

static int load_fmt(const char *fmt, const char *a, const char *b)
{
	char policy[8192];

	snprintf(policy, sizeof(policy), fmt, a, b);
	return load_policy(policy);
}

/*
 * Whether a connect on an SQPOLL ring must be skipped: under kmemleak
 * (make check-debug), Linux 6.12's audit leaks the address an SQ thread's
 * IORING_OP_CONNECT prep copied into its audit context (__audit_sockaddr()
 * from io_submit_sqes(); the context is freed without it once marked
 * dummy), and kmemleak fails the boot for it.  Not uringaudit's memory;
 * the same cases run in every other boot.
 */
static bool sqpoll_connect_leaks(const FIXTURE_VARIANT(objects) * variant)
{
	char cmdline[4096];

	return (variant->setup & IORING_SETUP_SQPOLL) &&
	       read_text("/proc/cmdline", cmdline, sizeof(cmdline)) > 0 &&
	       strstr(cmdline, "ua.kmemleak=1");
}

/* A unix stream socket listening at @path (plain system calls). */
static int unix_listener(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	memcpy(sun.sun_path, path, strnlen(path, sizeof(sun.sun_path) - 1));
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) || listen(fd, 8)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* An io_uring connect of a new unix stream socket to @name. */
static int uring_unix_connect(struct __test_metadata *_metadata,
			      FIXTURE_DATA(objects) * self,
			      const FIXTURE_VARIANT(objects) * variant,
			      const struct sockaddr_un *sun, socklen_t len)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), ret;

	EXPECT_LE(0, fd);
	PREP(io_uring_prep_connect, fd, (const struct sockaddr *)sun, len);
	ret = submit_and_wait(&self->ring);
	close(fd);
	return ret;
}

/* @sun names the path @path (shorter than sun_path); its length. */
static socklen_t unix_name(struct sockaddr_un *sun, const char *path)
{
	size_t n = strnlen(path, sizeof(sun->sun_path) - 1);

	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	memcpy(sun->sun_path, path, n);
	return offsetof(struct sockaddr_un, sun_path) + n + 1;
}

TEST_F(objects, unix_socket_by_any_name_denied)
{
	static const char *const aliases[] = { "sock", "./sock", "link",
					       "/proc/self/cwd/sock", NULL };
	char sock[128], other[128], link[128], slashes[128], cwd[PATH_MAX];
	char addr_of_sock[160];
	struct audit_record rec;
	struct sockaddr_un sun;
	int l1, l2, i;

	if (sqpoll_connect_leaks(variant))
		SKIP(return,
			   "6.12's audit leaks an SQ thread's connect address");

	snprintf(sock, sizeof(sock), "%s/sock", self->dir);
	snprintf(addr_of_sock, sizeof(addr_of_sock), "addr=%s", sock);
	snprintf(other, sizeof(other), "%s/other", self->dir);
	snprintf(link, sizeof(link), "%s/link", self->dir);
	snprintf(slashes, sizeof(slashes), "/%s//./sock", self->dir);
	l1 = unix_listener(sock);
	l2 = unix_listener(other);
	ASSERT_LE(0, l1);
	ASSERT_LE(0, l2);
	ASSERT_EQ(0, symlink("sock", link));
	ASSERT_EQ(0, load_fmt("default allow\ndeny op=connect addr=%s\n", sock,
			      NULL));
	ASSERT_NE(NULL, getcwd(cwd, sizeof(cwd)));
	ASSERT_EQ(0, chdir(self->dir));
	for (i = 0; aliases[i]; i++) {
		EXPECT_EQ(-EACCES,
			  uring_unix_connect(_metadata, self, variant, &sun,
					     unix_name(&sun, aliases[i])))
		{
			TH_LOG("connect to \"%s\" was let through", aliases[i]);
		}
		/* The record names the socket file, whatever the name. */
		WAIT_RECORD(&rec, "decision=deny", addr_of_sock);
	}
	EXPECT_EQ(-EACCES, uring_unix_connect(_metadata, self, variant, &sun,
					      unix_name(&sun, slashes)));
	WAIT_RECORD(&rec, "decision=deny", addr_of_sock);
	/* The twin: another socket in the same directory. */
	EXPECT_EQ(0, uring_unix_connect(_metadata, self, variant, &sun,
					unix_name(&sun, "other")));
	ASSERT_EQ(0, chdir(cwd));
	close(l1);
	close(l2);
}

TEST_F(objects, unix_datagram_send_by_alias_denied)
{
	char sock[128], link[128];
	struct sockaddr_un sun;
	struct msghdr msg = {};
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	struct audit_record rec;
	char addr[PATH_MAX];
	int srv, cli;

	snprintf(sock, sizeof(sock), "%s/dgram", self->dir);
	snprintf(link, sizeof(link), "%s/alias", self->dir);
	srv = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, srv);
	ASSERT_EQ(0, bind(srv, (struct sockaddr *)&sun, unix_name(&sun, sock)));
	ASSERT_EQ(0, symlink(sock, link));
	ASSERT_EQ(0, load_fmt("default allow\ndeny op=send addr=%s\n", sock,
			      NULL));
	cli = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, cli);
	msg.msg_name = &sun;
	msg.msg_namelen = unix_name(&sun, link);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	PREP(io_uring_prep_sendmsg, cli, &msg, 0);
	EXPECT_EQ(-EACCES, submit_and_wait(&self->ring));
	WAIT_RECORD(&rec, "decision=deny");
	ASSERT_TRUE(field_get(rec.text, "addr", addr, sizeof(addr)));
	EXPECT_STREQ(sock, addr);
	EXPECT_EQ(-1, recv(srv, addr, sizeof(addr), MSG_DONTWAIT));
	close(cli);
	close(srv);
}

/* An abstract name of all 108 bytes: a leading NUL and 107 more. */
TEST_F(objects, unix_abstract_full_length_denied)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	char policy[512], name[108];
	struct audit_record rec;
	int l, ret;

	if (sqpoll_connect_leaks(variant))
		SKIP(return,
			   "6.12's audit leaks an SQ thread's connect address");

	memset(name, 'a', sizeof(name));
	snprintf(name + 1, sizeof(name) - 1, "%d", getpid());
	name[strlen(name + 1) + 1] = 'a';
	name[0] = '\0';
	memcpy(sun.sun_path, name, sizeof(name));
	l = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, l);
	ASSERT_EQ(0, bind(l, (struct sockaddr *)&sun, sizeof(sun)));
	ASSERT_EQ(0, listen(l, 4));
	snprintf(policy, sizeof(policy),
		 "default allow\ndeny op=connect addr=@%.107s\n", name + 1);
	ASSERT_EQ(0, load_policy(policy));
	ret = uring_unix_connect(_metadata, self, variant, &sun, sizeof(sun));
	EXPECT_EQ(-EACCES, ret);
	WAIT_RECORD(&rec, "decision=deny");
	/* The twin: the same name but its last byte is another socket. */
	snprintf(policy, sizeof(policy),
		 "default allow\ndeny op=connect addr=@%.106sb\n", name + 1);
	ASSERT_EQ(0, load_policy(policy));
	EXPECT_EQ(0, uring_unix_connect(_metadata, self, variant, &sun,
					sizeof(sun)));
	close(l);
}

static int tcp_listen(int port)
{
	return listen_loopback(port);
}

TEST_F(objects, ipv4_mapped_connect_is_ipv4)
{
	const int port = 24000 + getpid() % 1000;
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6,
				     .sin6_port = htons(port) };
	struct audit_record rec;
	char policy[128];
	int l = tcp_listen(port), fd;

	if (sqpoll_connect_leaks(variant))
		SKIP(return,
			   "6.12's audit leaks an SQ thread's connect address");

	ASSERT_LE(0, l);
	inet_pton(AF_INET6, "::ffff:127.0.0.1", &sin6.sin6_addr);
	snprintf(policy, sizeof(policy),
		 "default allow\ndeny op=connect addr=127.0.0.1 port=%d\n",
		 port);
	ASSERT_EQ(0, load_policy(policy));
	fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	PREP(io_uring_prep_connect, fd, (struct sockaddr *)&sin6, sizeof(sin6));
	EXPECT_EQ(-EACCES, submit_and_wait(&self->ring));
	WAIT_RECORD(&rec, "decision=deny", "addr=127.0.0.1");
	close(fd);
	/* An IPv6 rule on the mapped form names it too. */
	snprintf(policy, sizeof(policy),
		 "default allow\ndeny op=connect addr=::ffff:7f00:0/120\n");
	ASSERT_EQ(0, load_policy(policy));
	fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
	PREP(io_uring_prep_connect, fd, (struct sockaddr *)&sin6, sizeof(sin6));
	EXPECT_EQ(-EACCES, submit_and_wait(&self->ring));
	close(fd);
	/* The twin: another port. */
	snprintf(policy, sizeof(policy),
		 "default allow\ndeny op=connect addr=127.0.0.1 port=%d\n",
		 port + 1);
	ASSERT_EQ(0, load_policy(policy));
	fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
	PREP(io_uring_prep_connect, fd, (struct sockaddr *)&sin6, sizeof(sin6));
	EXPECT_EQ(0, submit_and_wait(&self->ring));
	close(fd);
	close(l);
}

/* A TCP socket connected to 127.0.0.1:@port, and the accepted end. */
static int tcp_pair(int port, int l, int *accepted)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0 || connect(fd, (struct sockaddr *)&sin, sizeof(sin)))
		return -1;
	*accepted = accept(l, NULL, NULL);
	return fd;
}

enum send_way { BY_SEND, BY_SENDMSG, BY_SEND_ZC };

static void connected_send(struct __test_metadata *_metadata,
			   FIXTURE_DATA(objects) * self,
			   const FIXTURE_VARIANT(objects) * variant,
			   enum send_way way)
{
	const int port = 25000 + getpid() % 1000, other = port + 1;
	struct sockaddr_in named = { .sin_family = AF_INET,
				     .sin_port = htons(other),
				     .sin_addr.s_addr =
					     htonl(INADDR_LOOPBACK) };
	struct iovec iov = { .iov_base = "secret", .iov_len = 6 };
	struct msghdr msg = { .msg_name = &named,
			      .msg_namelen = sizeof(named),
			      .msg_iov = &iov,
			      .msg_iovlen = 1 };
	struct io_uring_sqe *sqe;
	struct audit_record rec;
	char policy[128], buf[16], portstr[16];
	int l = tcp_listen(port), lo = tcp_listen(other), fd, peer, ret;

	ASSERT_LE(0, l);
	ASSERT_LE(0, lo);
	fd = tcp_pair(port, l, &peer);
	ASSERT_LE(0, fd);
	ASSERT_LE(0, peer);
	snprintf(policy, sizeof(policy),
		 "default allow\ndeny op=send port=%d\n", port);
	ASSERT_EQ(0, load_policy(policy));
	sqe = io_uring_get_sqe(&self->ring);
	switch (way) {
	case BY_SEND:
		io_uring_prep_send(sqe, fd, "secret", 6, 0);
		io_uring_prep_send_set_addr(sqe, (struct sockaddr *)&named,
					    sizeof(named));
		break;
	case BY_SENDMSG:
		io_uring_prep_sendmsg(sqe, fd, &msg, 0);
		break;
	case BY_SEND_ZC:
		io_uring_prep_send_zc(sqe, fd, "secret", 6, 0, 0);
		io_uring_prep_send_set_addr(sqe, (struct sockaddr *)&named,
					    sizeof(named));
		break;
	}
	sqe->flags |= variant->sqe_flags;
	ret = submit_and_wait(&self->ring);
	if (way == BY_SEND_ZC && ret == -EACCES) {
		struct io_uring_cqe *cqe;

		/* A zero-copy send may post its notification too. */
		if (!io_uring_peek_cqe(&self->ring, &cqe))
			io_uring_cqe_seen(&self->ring, cqe);
	}
	EXPECT_EQ(-EACCES, ret);
	snprintf(portstr, sizeof(portstr), "port=%d", port);
	WAIT_RECORD(&rec, "decision=deny", portstr);
	EXPECT_EQ(-1, recv(peer, buf, sizeof(buf), MSG_DONTWAIT))
	{
		TH_LOG("the denied peer received the data");
	}
	close(fd);
	close(peer);
	/* The twin: the same send on a socket connected to the other port. */
	fd = tcp_pair(other, lo, &peer);
	ASSERT_LE(0, fd);
	PREP(io_uring_prep_send, fd, "secret", 6, 0);
	EXPECT_EQ(6, submit_and_wait(&self->ring));
	close(fd);
	close(peer);
	close(l);
	close(lo);
}

TEST_F(objects, connected_send_decided_on_peer)
{
	connected_send(_metadata, self, variant, BY_SEND);
}

TEST_F(objects, connected_sendmsg_decided_on_peer)
{
	connected_send(_metadata, self, variant, BY_SENDMSG);
}

TEST_F(objects, connected_send_zc_decided_on_peer)
{
	connected_send(_metadata, self, variant, BY_SEND_ZC);
}

/* A TCP socket connected to 127.0.0.1:@port again, as @fd. */
static int tcp_reconnect(int fd, int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons(port),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };

	return connect(fd, (struct sockaddr *)&sin, sizeof(sin));
}

/*
 * A TCP socket disconnected (AF_UNSPEC) and connected to another peer is
 * the same file: a SPLICE from it, which reaches no recvmsg hook, is
 * decided on its peer now, not on what it was allowed before.
 */
TEST_F(objects, reconnected_socket_remembers_nothing)
{
	const int base = 26000 + getpid() % 1000;
	const struct sockaddr unspec = { .sa_family = AF_UNSPEC };
	int la = tcp_listen(base + 1), lb = tcp_listen(base + 2);
	struct audit_record rec;
	char policy[128], portstr[16];
	int fd, a, b, p[2], i;

	ASSERT_LE(0, la);
	ASSERT_LE(0, lb);
	ASSERT_EQ(0, pipe(p));
	snprintf(policy, sizeof(policy),
		 "default allow\ndeny op=recv port=%d\n", base + 2);
	ASSERT_EQ(0, load_policy(policy));
	fd = tcp_pair(base + 1, la, &a);
	ASSERT_LE(0, fd);
	ASSERT_LE(0, a);
	/* Allowed twice from the allowed peer. */
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(1, write(a, "a", 1));
		PREP(io_uring_prep_splice, fd, -1, p[1], -1, 1, 0);
		EXPECT_EQ(1, submit_and_wait(&self->ring));
	}
	/* Connected again, to the denied peer. */
	ASSERT_EQ(0, connect(fd, &unspec, sizeof(unspec)));
	ASSERT_EQ(0, tcp_reconnect(fd, base + 2));
	b = accept(lb, NULL, NULL);
	ASSERT_LE(0, b);
	ASSERT_EQ(1, write(b, "b", 1));
	PREP(io_uring_prep_splice, fd, -1, p[1], -1, 1, 0);
	EXPECT_EQ(-EACCES, submit_and_wait(&self->ring));
	snprintf(portstr, sizeof(portstr), "port=%d", base + 2);
	WAIT_RECORD(&rec, "decision=deny", portstr);
	close(fd);
	close(a);
	close(b);
	close(la);
	close(lb);
	close(p[0]);
	close(p[1]);
}

/*
 * As uid 1000 in a user namespace of its own: mount overlayfs over a lower
 * directory holding @name, read @name through it with io_uring.  Exits 0
 * on the read's success, 13 on -EACCES, other codes on setup failures.
 */
static int overlay_read(const char *dir, const char *name, unsigned int setup,
			__u8 flags)
{
	char opts[512], merged[128], path[256], buf[16];
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	int fd, ret;

	if (idt_enter_userns())
		return IDT_SETUP_FAILED;
	snprintf(
		opts, sizeof(opts),
		"lowerdir=%s/lower,upperdir=%s/upper,workdir=%s/work,userxattr",
		dir, dir, dir);
	snprintf(merged, sizeof(merged), "%s/merged", dir);
	if (mount("overlay", merged, "overlay", 0, opts))
		return IDT_SETUP_FAILED + 1;
	snprintf(path, sizeof(path), "%s/%s", merged, name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return IDT_SETUP_FAILED + 2;
	if (io_uring_queue_init(4, &ring, setup))
		return IDT_SETUP_FAILED + 3;
	sqe = io_uring_get_sqe(&ring);
	io_uring_prep_read(sqe, fd, buf, sizeof(buf), 0);
	sqe->flags |= flags;
	ret = submit_and_wait(&ring);
	return ret == -EACCES ? 13 : ret < 0 ? IDT_SETUP_FAILED + 4 : 0;
}

TEST_F(objects, overlay_file_under_denied_path_denied)
{
	static const char *const sub[] = { "lower", "upper", "work", "merged" };
	char path[256], want[300];
	struct audit_record rec;
	struct stat st;
	pid_t pid;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sub); i++) {
		snprintf(path, sizeof(path), "%s/%s", self->dir, sub[i]);
		ASSERT_EQ(0, mkdir(path, 0755));
		ASSERT_EQ(0, chown(path, IDT_USER, IDT_USER));
	}
	snprintf(path, sizeof(path), "%s/lower/secret", self->dir);
	ASSERT_EQ(0, idt_make_file(path, 0644));
	ASSERT_EQ(0, write_file(path, "secret"));
	snprintf(path, sizeof(path), "%s/lower/public", self->dir);
	ASSERT_EQ(0, idt_make_file(path, 0644));
	ASSERT_EQ(0, write_file(path, "public"));
	snprintf(path, sizeof(path), "%s/lower/secret", self->dir);
	ASSERT_EQ(0, stat(path, &st));
	/*
	 * overlayfs reaches its layers through private mounts, which the
	 * initial root does not reach: the file is named by its identity.
	 */
	snprintf(want, sizeof(want), "ino=%lu", (unsigned long)st.st_ino);
	ASSERT_EQ(0, load_fmt("default allow\ndeny op=read path=%s\n", path,
			      NULL));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(overlay_read(self->dir, "secret", variant->setup,
				   variant->sqe_flags));
	EXPECT_EQ(13, idt_wait_child(pid));
	/* The record names the file the kernel read: the one under. */
	WAIT_RECORD(&rec, "decision=deny", want);
	/* The twin: the file beside it. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(overlay_read(self->dir, "public", variant->setup,
				   variant->sqe_flags));
	EXPECT_EQ(0, idt_wait_child(pid));
}

/* A read through FUSE passthrough: the backing file is decided. */
TEST_F(objects, fuse_passthrough_backing_file_denied)
{
	char backing[128], mnt[128], path[192], want[160];
	struct fuse_server fs;
	struct audit_record rec;
	char buf[16];
	int fd, ret;

	snprintf(backing, sizeof(backing), "%s/backing", self->dir);
	snprintf(mnt, sizeof(mnt), "%s/mnt", self->dir);
	ASSERT_EQ(0, mkdir(backing, 0755));
	ASSERT_EQ(0, mkdir(mnt, 0755));
	snprintf(path, sizeof(path), "%s/secret", backing);
	ASSERT_EQ(0, idt_make_file(path, 0644));
	ASSERT_EQ(0, write_file(path, "secret"));
	snprintf(path, sizeof(path), "%s/public", backing);
	ASSERT_EQ(0, idt_make_file(path, 0644));
	ASSERT_EQ(0, write_file(path, "public"));
	ret = fuse_server_start(&fs, backing, mnt);
	ASSERT_EQ(0, ret);
	snprintf(path, sizeof(path), "%s/secret", backing);
	ASSERT_EQ(0, load_fmt("default allow\ndeny op=read path=%s\n", path,
			      NULL));
	snprintf(path, sizeof(path), "%s/secret", mnt);
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	PREP(io_uring_prep_read, fd, buf, sizeof(buf), 0);
	EXPECT_EQ(-EACCES, submit_and_wait(&self->ring));
	close(fd);
	/* The record names the file the kernel read: the backing one. */
	snprintf(want, sizeof(want), "path=%s/secret", backing);
	WAIT_RECORD(&rec, "decision=deny", want);
	/* The twin: the file beside it. */
	snprintf(path, sizeof(path), "%s/public", mnt);
	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	PREP(io_uring_prep_read, fd, buf, sizeof(buf), 0);
	EXPECT_EQ(6, submit_and_wait(&self->ring));
	close(fd);
	fuse_server_stop(&fs);
}

TEST_F(objects, creat_in_denied_dir_leaves_nothing)
{
	char denied[128], file[160], cwd_file[160];
	struct audit_record rec;
	struct stat st;

	snprintf(denied, sizeof(denied), "%s/denied", self->dir);
	ASSERT_EQ(0, mkdir(denied, 0755));
	snprintf(file, sizeof(file), "%s/new", denied);
	ASSERT_EQ(0, load_fmt("default allow\ndeny path=%s\n", denied, NULL));
	PREP(io_uring_prep_openat, AT_FDCWD, file, O_CREAT | O_WRONLY, 0600);
	EXPECT_EQ(-EACCES, submit_and_wait(&self->ring));
	EXPECT_EQ(-1, stat(file, &st))
	{
		TH_LOG("the refused open left \"%s\" behind", file);
	}
	WAIT_RECORD(&rec, "decision=deny");
	/* The twin: the same open beside the denied directory. */
	snprintf(cwd_file, sizeof(cwd_file), "%s/new", self->dir);
	PREP(io_uring_prep_openat, AT_FDCWD, cwd_file, O_CREAT | O_WRONLY,
	     0600);
	EXPECT_LE(0, submit_and_wait(&self->ring));
}

static void bind_prep(struct io_uring_sqe *sqe, int fd,
		      const struct sockaddr_un *sun, socklen_t len)
{
	io_uring_prep_rw(IORING_OP_BIND, sqe, fd, sun, 0, len);
}

TEST_F(objects, unix_bind_in_denied_dir_leaves_nothing)
{
	struct sockaddr_un sun;
	struct audit_record rec;
	char denied[128], path[160], ok[160];
	struct stat st;
	socklen_t len;
	int fd;

	snprintf(denied, sizeof(denied), "%s/denied", self->dir);
	ASSERT_EQ(0, mkdir(denied, 0755));
	snprintf(path, sizeof(path), "%s/sock", denied);
	ASSERT_EQ(0, load_fmt("default allow\ndeny path=%s\n", denied, NULL));
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, fd);
	len = unix_name(&sun, path);
	PREP(bind_prep, fd, &sun, len);
	EXPECT_EQ(-EACCES, submit_and_wait(&self->ring));
	EXPECT_EQ(-1, stat(path, &st))
	{
		TH_LOG("the refused bind made \"%s\"", path);
	}
	WAIT_RECORD(&rec, "decision=deny");
	close(fd);
	/* The twin: a bind beside the denied directory. */
	snprintf(ok, sizeof(ok), "%s/sock", self->dir);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	len = unix_name(&sun, ok);
	PREP(bind_prep, fd, &sun, len);
	EXPECT_EQ(0, submit_and_wait(&self->ring));
	close(fd);
}

TEST_F(objects, multishot_poll_round_denied)
{
	struct __kernel_timespec ts = { .tv_sec = 2 };
	struct io_uring_cqe *cqe;
	struct audit_record rec;
	char buf[8];
	int p[2];

	ASSERT_EQ(0, pipe(p));
	PREP(io_uring_prep_poll_multishot, p[0], POLLIN);
	ASSERT_EQ(1, io_uring_submit(&self->ring));
	/* A round while allowed. */
	ASSERT_EQ(1, write(p[1], "a", 1));
	ASSERT_EQ(0, io_uring_wait_cqe_timeout(&self->ring, &cqe, &ts));
	EXPECT_TRUE(cqe->flags & IORING_CQE_F_MORE);
	io_uring_cqe_seen(&self->ring, cqe);
	ASSERT_EQ(1, read(p[0], buf, 1));
	ASSERT_EQ(0, load_policy("default allow\ndeny op=poll\n"));
	ASSERT_EQ(1, write(p[1], "b", 1));
	ASSERT_EQ(0, io_uring_wait_cqe_timeout(&self->ring, &cqe, &ts));
	EXPECT_EQ(-EACCES, cqe->res);
	EXPECT_FALSE(cqe->flags & IORING_CQE_F_MORE);
	io_uring_cqe_seen(&self->ring, cqe);
	WAIT_RECORD(&rec, "decision=deny", "opcode=poll_add");
	close(p[0]);
	close(p[1]);
}

TEST_F(objects, record_never_names_an_earlier_object)
{
	char first[128], second[128], missing[128], name[PATH_MAX];
	struct audit_record rec;
	char buf[4];
	int fd;

	snprintf(first, sizeof(first), "%s/first", self->dir);
	snprintf(second, sizeof(second), "%s/second", self->dir);
	snprintf(missing, sizeof(missing), "%s/missing", self->dir);
	ASSERT_EQ(0, idt_make_file(first, 0644));
	ASSERT_EQ(0, idt_make_file(second, 0644));
	ASSERT_EQ(0, write_file(second, "2"));
	fd = open(second, O_RDONLY);
	ASSERT_LE(0, fd);
	/* The open's rule is matched by name: it resolves the first's. */
	ASSERT_EQ(0, load_fmt("default allow\naudit op=read\n"
			      "audit op=open path=%s\n",
			      missing, NULL));
	PREP(io_uring_prep_openat, AT_FDCWD, first, O_RDONLY, 0);
	ASSERT_LE(0, submit_and_wait(&self->ring));
	PREP(io_uring_prep_read, fd, buf, sizeof(buf), 0);
	ASSERT_LT(0, submit_and_wait(&self->ring));
	WAIT_RECORD(&rec, "opcode=read");
	ASSERT_TRUE(field_get(rec.text, "path", name, sizeof(name)));
	EXPECT_STREQ(second, name);
	close(fd);
}

TEST_F(objects, rename_records_both_names_and_the_rule)
{
	char from[128], to[128], rule[256], hex[512], val[PATH_MAX];
	struct audit_record rec;
	int i, n;

	snprintf(from, sizeof(from), "%s/from", self->dir);
	snprintf(to, sizeof(to), "%s/protected", self->dir);
	ASSERT_EQ(0, idt_make_file(from, 0644));
	ASSERT_EQ(0, idt_make_file(to, 0644));
	ASSERT_EQ(0, load_fmt("default audit\naudit op=rename path=%s\n", to,
			      NULL));
	PREP(io_uring_prep_renameat, AT_FDCWD, from, AT_FDCWD, to, 0);
	ASSERT_EQ(0, submit_and_wait(&self->ring));
	WAIT_RECORD(&rec, "opcode=renameat");
	/* The rule, with blanks: in hex. */
	n = snprintf(rule, sizeof(rule), "audit op=rename path=%s", to);
	for (i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02X", (unsigned char)rule[i]);
	ASSERT_TRUE(field_get(rec.text, "rule", val, sizeof(val)));
	EXPECT_STREQ(hex, val);
	ASSERT_TRUE(field_get(rec.text, "path", val, sizeof(val)));
	EXPECT_STREQ(from, val);
	ASSERT_TRUE(field_get(rec.text, "path2", val, sizeof(val)));
	EXPECT_STREQ(to, val);
}

TEST_HARNESS_MAIN
