// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Every op class in every context it can run in: the record
 * names op, ctx, object and origin; deny fails the op with -EACCES;
 * permissive lets it run and records it.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/limits.h>
#include <netinet/in.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/xattr.h>

#include "kselftest_harness.h"
#include "audit.h"
#include "common.h"

FIXTURE(ops)
{
	struct io_uring ring;
	char dir[64];
	char path[PATH_MAX];
	/* What the record's object must say: a path suffix, or fields. */
	char want_path[PATH_MAX];
	const char *want_field[3];
	int audit_fd;
	int fds[4];
};

FIXTURE_VARIANT(ops)
{
	const char *op;
	const char *ctx;
	unsigned int setup_flags;
	unsigned int sqe_flags;
	int (*run)(struct _test_data_ops * self,
		   const struct _fixture_variant_ops *variant);
};

/* Submit @sqe with the variant's flags and wait for its result. */
static int submit_op(struct _test_data_ops *self,
		     const struct _fixture_variant_ops *variant,
		     struct io_uring_sqe *sqe, unsigned int extra_flags)
{
	io_uring_sqe_set_flags(sqe, variant->sqe_flags | extra_flags);
	return submit_and_wait(&self->ring);
}

static int ok_fd(int res)
{
	if (res < 0)
		return res;
	close(res);
	return 0;
}

/* Name @name in the test's directory: the op's path and the record's. */
static const char *name_path(struct _test_data_ops *self, const char *name)
{
	snprintf(self->path, sizeof(self->path), "%s/%s", self->dir, name);
	snprintf(self->want_path, sizeof(self->want_path), "%s", self->path);
	return self->path;
}

static int make_file(struct _test_data_ops *self, const char *name)
{
	int fd;

	fd = open(name_path(self, name), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (write(fd, "data", 4) != 4) {
		close(fd);
		return -EIO;
	}
	close(fd);
	return 0;
}

static int run_open(struct _test_data_ops *self,
		    const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	int ret = make_file(self, "f");

	if (ret)
		return ret;
	io_uring_prep_openat(sqe, AT_FDCWD, self->path, O_RDONLY | O_CLOEXEC,
			     0);
	return ok_fd(submit_op(self, variant, sqe, 0));
}

/*
 * Through a pipe: a buffered write to a regular tmpfs file is always
 * punted to io-wq, where a pipe with room (or data) completes where the op
 * starts, in any context.
 */
static int run_rw(struct _test_data_ops *self,
		  const struct _fixture_variant_ops *variant, bool writing)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	static char buf[4];
	int ret;

	if (pipe2(self->fds, O_CLOEXEC))
		return -errno;
	self->want_field[0] = "path=\"pipe:[";
	if (writing) {
		io_uring_prep_write(sqe, self->fds[1], "data", 4, 0);
	} else {
		if (write(self->fds[1], "data", 4) != 4)
			return -EIO;
		io_uring_prep_read(sqe, self->fds[0], buf, sizeof(buf), 0);
	}
	ret = submit_op(self, variant, sqe, 0);
	return ret < 0 ? ret : 0;
}

static int run_read(struct _test_data_ops *self,
		    const struct _fixture_variant_ops *variant)
{
	return run_rw(self, variant, false);
}

static int run_write(struct _test_data_ops *self,
		     const struct _fixture_variant_ops *variant)
{
	return run_rw(self, variant, true);
}

static int run_truncate(struct _test_data_ops *self,
			const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	int fd, ret = make_file(self, "f");

	if (ret)
		return ret;
	fd = open(self->path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	self->fds[0] = fd;
	io_uring_prep_rw(IORING_OP_FTRUNCATE, sqe, fd, NULL, 0, 1);
	return submit_op(self, variant, sqe, 0);
}

static int run_statx(struct _test_data_ops *self,
		     const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	static struct statx stx;
	int ret = make_file(self, "f");

	if (ret)
		return ret;
	io_uring_prep_statx(sqe, AT_FDCWD, self->path, 0, STATX_SIZE, &stx);
	return submit_op(self, variant, sqe, 0);
}

static int run_getxattr(struct _test_data_ops *self,
			const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	static char value[16];
	int ret = make_file(self, "f");

	if (ret)
		return ret;
	if (setxattr(self->path, "user.ua", "v", 1, 0))
		return -errno;
	/* No mount reaches the hook: the path is the one within tmpfs. */
	snprintf(self->want_path, sizeof(self->want_path), "%s/f",
		 self->dir + strlen("/tmp"));
	io_uring_prep_getxattr(sqe, "user.ua", value, self->path,
			       sizeof(value));
	ret = submit_op(self, variant, sqe, 0);
	return ret < 0 ? ret : 0;
}

static int run_setxattr(struct _test_data_ops *self,
			const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	int ret = make_file(self, "f");

	if (ret)
		return ret;
	snprintf(self->want_path, sizeof(self->want_path), "%s/f",
		 self->dir + strlen("/tmp"));
	io_uring_prep_setxattr(sqe, "user.ua", "v", self->path, 0, 1);
	return submit_op(self, variant, sqe, 0);
}

static int run_unlink(struct _test_data_ops *self,
		      const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	int ret = make_file(self, "f");

	if (ret)
		return ret;
	io_uring_prep_unlinkat(sqe, AT_FDCWD, self->path, 0);
	return submit_op(self, variant, sqe, 0);
}

static int run_rmdir(struct _test_data_ops *self,
		     const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);

	if (mkdir(name_path(self, "d"), 0700))
		return -errno;
	io_uring_prep_unlinkat(sqe, AT_FDCWD, self->path, AT_REMOVEDIR);
	return submit_op(self, variant, sqe, 0);
}

static int run_rename(struct _test_data_ops *self,
		      const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	static char to[PATH_MAX];
	int ret = make_file(self, "f");

	if (ret)
		return ret;
	snprintf(to, sizeof(to), "%s/g", self->dir);
	io_uring_prep_renameat(sqe, AT_FDCWD, self->path, AT_FDCWD, to, 0);
	return submit_op(self, variant, sqe, 0);
}

static int run_mkdir(struct _test_data_ops *self,
		     const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);

	io_uring_prep_mkdirat(sqe, AT_FDCWD, name_path(self, "d"), 0700);
	return submit_op(self, variant, sqe, 0);
}

static int run_symlink(struct _test_data_ops *self,
		       const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);

	io_uring_prep_symlinkat(sqe, "target", AT_FDCWD, name_path(self, "l"));
	return submit_op(self, variant, sqe, 0);
}

static int run_link(struct _test_data_ops *self,
		    const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	static char to[PATH_MAX];
	int ret = make_file(self, "f");

	if (ret)
		return ret;
	snprintf(to, sizeof(to), "%s/h", self->dir);
	snprintf(self->want_path, sizeof(self->want_path), "%s", to);
	io_uring_prep_linkat(sqe, AT_FDCWD, self->path, AT_FDCWD, to, 0);
	return submit_op(self, variant, sqe, 0);
}

static int run_fd_install(struct _test_data_ops *self,
			  const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe;
	int fd, ret = make_file(self, "f");

	if (ret)
		return ret;
	fd = open(self->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	self->fds[0] = fd;
	ret = io_uring_register_files(&self->ring, &fd, 1);
	if (ret)
		return ret;
	sqe = io_uring_get_sqe(&self->ring);
	io_uring_prep_rw(IORING_OP_FIXED_FD_INSTALL, sqe, 0, NULL, 0, 0);
	return ok_fd(submit_op(self, variant, sqe, IOSQE_FIXED_FILE));
}

static int run_socket(struct _test_data_ops *self,
		      const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);

	self->want_field[0] = "family=1";
	io_uring_prep_socket(sqe, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, 0);
	return ok_fd(submit_op(self, variant, sqe, 0));
}

/* An abstract unix address unique to this test process. */
static socklen_t unix_addr(struct sockaddr_un *sun, char *name, size_t size)
{
	int n;

	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	n = snprintf(sun->sun_path + 1, sizeof(sun->sun_path) - 1, "ua-%d",
		     getpid());
	snprintf(name, size, "addr=\"@ua-%d\"", getpid());
	return offsetof(struct sockaddr_un, sun_path) + 1 + n;
}

static int listener(struct _test_data_ops *self, struct sockaddr_un *sun,
		    socklen_t len)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	self->fds[1] = fd;
	if (bind(fd, (struct sockaddr *)sun, len) || listen(fd, 4))
		return -errno;
	return fd;
}

static char addr_field[64];

static int run_connect(struct _test_data_ops *self,
		       const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	static struct sockaddr_un sun;
	socklen_t len = unix_addr(&sun, addr_field, sizeof(addr_field));
	int fd, ret;

	ret = listener(self, &sun, len);
	if (ret < 0)
		return ret;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	self->fds[0] = fd;
	self->want_field[0] = "family=1";
	self->want_field[1] = addr_field;
	io_uring_prep_connect(sqe, fd, (struct sockaddr *)&sun, len);
	return submit_op(self, variant, sqe, 0);
}

static int run_accept(struct _test_data_ops *self,
		      const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	struct sockaddr_un sun;
	socklen_t len = unix_addr(&sun, addr_field, sizeof(addr_field));
	int lfd, fd;

	lfd = listener(self, &sun, len);
	if (lfd < 0)
		return lfd;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	self->fds[0] = fd;
	if (connect(fd, (struct sockaddr *)&sun, len))
		return -errno;
	self->want_field[0] = "family=1";
	io_uring_prep_accept(sqe, lfd, NULL, NULL, SOCK_CLOEXEC);
	return ok_fd(submit_op(self, variant, sqe, 0));
}

static int run_bind(struct _test_data_ops *self,
		    const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	static struct sockaddr_un sun;
	socklen_t len = unix_addr(&sun, addr_field, sizeof(addr_field));
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	self->fds[0] = fd;
	self->want_field[0] = "family=1";
	self->want_field[1] = addr_field;
	io_uring_prep_rw(IORING_OP_BIND, sqe, fd, &sun, 0, len);
	return submit_op(self, variant, sqe, 0);
}

static int run_listen(struct _test_data_ops *self,
		      const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	struct sockaddr_un sun;
	socklen_t len = unix_addr(&sun, addr_field, sizeof(addr_field));
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	self->fds[0] = fd;
	if (bind(fd, (struct sockaddr *)&sun, len))
		return -errno;
	self->want_field[0] = "family=1";
	io_uring_prep_rw(IORING_OP_LISTEN, sqe, fd, NULL, 4, 0);
	return submit_op(self, variant, sqe, 0);
}

static int pair(struct _test_data_ops *self)
{
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, self->fds))
		return -errno;
	self->want_field[0] = "family=1";
	return 0;
}

static int run_send(struct _test_data_ops *self,
		    const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	int ret = pair(self);

	if (ret)
		return ret;
	io_uring_prep_send(sqe, self->fds[0], "ping", 4, 0);
	ret = submit_op(self, variant, sqe, 0);
	return ret < 0 ? ret : 0;
}

static int run_recv(struct _test_data_ops *self,
		    const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	static char buf[4];
	int ret = pair(self);

	if (ret)
		return ret;
	if (write(self->fds[0], "ping", 4) != 4)
		return -EIO;
	io_uring_prep_recv(sqe, self->fds[1], buf, sizeof(buf), 0);
	ret = submit_op(self, variant, sqe, 0);
	return ret < 0 ? ret : 0;
}

static int run_shutdown(struct _test_data_ops *self,
			const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	int ret = pair(self);

	if (ret)
		return ret;
	io_uring_prep_shutdown(sqe, self->fds[0], SHUT_WR);
	return submit_op(self, variant, sqe, 0);
}

static int run_uring_cmd(struct _test_data_ops *self,
			 const struct _fixture_variant_ops *variant)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&self->ring);
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	self->fds[0] = fd;
	self->want_field[0] = "cmd_op=0";
	/* SOCKET_URING_OP_SIOCINQ: bytes waiting, 0 on a new socket. */
	io_uring_prep_rw(IORING_OP_URING_CMD, sqe, fd, NULL, 0, 0);
	sqe->cmd_op = 0;
	return submit_op(self, variant, sqe, 0);
}

/* clang-format off */
#define VARIANT(name, opname, ctxname, setup, sqe, fn)	\
	FIXTURE_VARIANT_ADD(ops, name) {		\
		.op = opname,				\
		.ctx = ctxname,				\
		.setup_flags = setup,			\
		.sqe_flags = sqe,			\
		.run = fn,				\
	}

/* Ops that can run in all three contexts. */
#define ANY_CTX(name)								\
	VARIANT(name##_inline, #name, "inline", 0, 0, run_##name);		\
	VARIANT(name##_iowq, #name, "iowq", 0, IOSQE_ASYNC, run_##name);	\
	VARIANT(name##_sqpoll, #name, "sqpoll", IORING_SETUP_SQPOLL, 0, run_##name)

/*
 * Ops io_uring always punts to io-wq: from a normal ring and from an
 * SQPOLL ring, whose SQ thread then hands them to its own workers.
 */
#define IOWQ_ONLY(name)								\
	VARIANT(name##_iowq, #name, "iowq", 0, 0, run_##name);			\
	VARIANT(name##_sqpoll_ring, #name, "iowq", IORING_SETUP_SQPOLL, 0,	\
		run_##name)

ANY_CTX(open);
ANY_CTX(read);
ANY_CTX(write);
IOWQ_ONLY(truncate);
IOWQ_ONLY(statx);
IOWQ_ONLY(getxattr);
IOWQ_ONLY(setxattr);
IOWQ_ONLY(unlink);
IOWQ_ONLY(rmdir);
IOWQ_ONLY(rename);
IOWQ_ONLY(mkdir);
IOWQ_ONLY(symlink);
IOWQ_ONLY(link);
ANY_CTX(fd_install);
ANY_CTX(socket);
ANY_CTX(connect);
ANY_CTX(accept);
ANY_CTX(bind);
ANY_CTX(listen);
ANY_CTX(send);
ANY_CTX(recv);
IOWQ_ONLY(shutdown);
ANY_CTX(uring_cmd);
/* clang-format on */

FIXTURE_SETUP(ops)
{
	struct io_uring_params p = {
		.flags = variant->setup_flags,
		.sq_thread_idle = 1000,
	};

	memset(self->fds, -1, sizeof(self->fds));
	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	/* Whatever an earlier test left behind. */
	reset_uringaudit();
	snprintf(self->dir, sizeof(self->dir), "/tmp/ops.%d", getpid());
	ASSERT_EQ(0, mkdir(self->dir, 0700));
	self->audit_fd = audit_open();
	ASSERT_LE(0, self->audit_fd)
	{
		TH_LOG("Failed to join the audit multicast group: %s",
		       strerror(-self->audit_fd));
	}
	ASSERT_EQ(0, io_uring_queue_init_params(8, &self->ring, &p));
}

FIXTURE_TEARDOWN(ops)
{
	char cmd[96];
	int i;

	if (!uringaudit_expected())
		return;
	reset_uringaudit();
	io_uring_queue_exit(&self->ring);
	for (i = 0; i < 4; i++)
		if (self->fds[i] >= 0)
			close(self->fds[i]);
	close(self->audit_fd);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", self->dir);
	if (system(cmd))
		TH_LOG("Failed to remove \"%s\"", self->dir);
}

/*
 * Wait for this process's record of the variant's op and context, and
 * check every field a record must carry.
 */
/*
 * Whether a deny decided as io_uring issues the op names its whole object.
 * In precise mode a rule without keys on the object denies the op before
 * it runs: the record then names the op's own file, or a socket's family,
 * not the file a path op would have found, nor the address a socket op
 * would have used.
 */
static bool denied_whole(const char *op)
{
	static const char *const later[] = {
		"open",	   "statx", "getxattr", "setxattr",
		"rename",  "mkdir", "symlink",	"link",
		"connect", "bind",  "socket",	"uring_cmd",
	};
	size_t i;

	if (!uringaudit_precise())
		return true;
	for (i = 0; i < ARRAY_SIZE(later); i++)
		if (!strcmp(op, later[i]))
			return false;
	return true;
}

static void expect_record(struct __test_metadata *const _metadata,
			  FIXTURE_DATA(ops) * self,
			  const FIXTURE_VARIANT(ops) * variant,
			  const char *decision, const char *permissive,
			  const char *res)
{
	bool whole = strcmp(decision, "deny") || strcmp(permissive, "0") ||
		     denied_whole(variant->op);
	static const char *const order[] = {
		" op=",		" ctx=",	" decision=",	" permissive=",
		" rule=",	" pid=",	" tid=",	" comm=",
		" uid=",	" euid=",	" gid=",	" egid=",
		" auid=",	" ses=",	" origin_pid=", " origin_comm=",
		" origin_exe=", " origin_uid=", " res=",
	};
	static const char *const precise_order[] = {
		" opcode=", " op=", " ring=", " res=", " result=",
	};
	char pid[16], exe[PATH_MAX], val[PATH_MAX], text[8200];
	struct audit_record rec;
	const char *prev = NULL;
	ssize_t n;
	size_t i;

	snprintf(pid, sizeof(pid), "%d", getpid());
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	ASSERT_LT(0, n);
	exe[n] = '\0';

	ASSERT_EQ(0, audit_wait_op(self->audit_fd, &rec, variant->op,
				   variant->ctx, pid))
	{
		TH_LOG("no record of op=%s ctx=%s origin_pid=%s", variant->op,
		       variant->ctx, pid);
	}
	TH_LOG("record: %s", rec.text);
	EXPECT_TRUE(field_is(rec.text, "decision", decision));
	EXPECT_TRUE(field_is(rec.text, "permissive", permissive));
	EXPECT_TRUE(field_is(rec.text, "res", res));
	EXPECT_TRUE(field_get(rec.text, "origin_exe", val, sizeof(val)));
	EXPECT_STREQ(exe, val);
	EXPECT_TRUE(field_get(rec.text, "origin_comm", val, sizeof(val)));
	EXPECT_STREQ("ops_test", val);
	EXPECT_TRUE(field_get(rec.text, "pid", val, sizeof(val)));
	EXPECT_STREQ(pid, val);

	/* Every field, in the documented order. */
	snprintf(text, sizeof(text), " %s", rec.text);
	for (i = 0; i < ARRAY_SIZE(order); i++) {
		const char *at = strstr(text, order[i]);

		EXPECT_NE(NULL, at)
		{
			TH_LOG("no field \"%s\"", order[i] + 1);
		}
		if (at && prev)
			EXPECT_LT(prev, at)
			{
				TH_LOG("field \"%s\" out of order",
				       order[i] + 1);
			}
		if (at)
			prev = at;
	}

	/* Precise mode: the opcode first, the result last. */
	prev = NULL;
	for (i = 0; uringaudit_precise() && i < ARRAY_SIZE(precise_order);
	     i++) {
		const char *at = strstr(text, precise_order[i]);

		EXPECT_NE(NULL, at)
		{
			TH_LOG("no field \"%s\"", precise_order[i] + 1);
		}
		if (at && prev)
			EXPECT_LT(prev, at);
		if (at)
			prev = at;
	}

	/* The object. */
	if (self->want_path[0] && whole) {
		size_t got, want = strlen(self->want_path);

		ASSERT_TRUE(field_get(rec.text, "path", val, sizeof(val)));
		got = strlen(val);
		EXPECT_TRUE(got >= want &&
			    !strcmp(val + got - want, self->want_path))
		{
			TH_LOG("path=%s, want a path ending in %s", val,
			       self->want_path);
		}
		EXPECT_NE(NULL, strstr(rec.text, " ino="));
	}
	for (i = 0; i < ARRAY_SIZE(self->want_field); i++) {
		const char *want = self->want_field[i];

		/* Before it runs, a socket op has no socket: no family. */
		if (!want || (!whole && (i || !strstr(want, "family=") ||
					 !strcmp(variant->op, "socket"))))
			continue;
		EXPECT_NE(NULL, strstr(rec.text, want))
		{
			TH_LOG("no \"%s\"", want);
		}
	}
}

TEST_F(ops, audit_records_op)
{
	char policy[128];

	ASSERT_EQ(0, set_mode("enforce"));
	snprintf(policy, sizeof(policy), "default allow\naudit op=%s\n",
		 variant->op);
	ASSERT_EQ(0, load_policy(policy));
	ASSERT_EQ(0, variant->run(self, variant));
	expect_record(_metadata, self, variant, "audit", "0", "1");
}

TEST_F(ops, deny_fails_op)
{
	char policy[128];

	ASSERT_EQ(0, set_mode("enforce"));
	snprintf(policy, sizeof(policy), "deny op=%s ctx=%s\n", variant->op,
		 variant->ctx);
	ASSERT_EQ(0, load_policy(policy));
	EXPECT_EQ(-EACCES, variant->run(self, variant));
	expect_record(_metadata, self, variant, "deny", "0", "0");
}

TEST_F(ops, permissive_lets_op_run)
{
	char policy[128];

	snprintf(policy, sizeof(policy), "deny op=%s ctx=%s\n", variant->op,
		 variant->ctx);
	ASSERT_EQ(0, load_policy(policy));
	ASSERT_EQ(0, set_mode("permissive"));
	EXPECT_EQ(0, variant->run(self, variant));
	expect_record(_metadata, self, variant, "deny", "1", "1");
}

/* A context the variant's op does not run in. */
/*
 * Loads a policy with default @dflt and a deny rule for the variant's op
 * in a context it does not run in.
 */
static int load_other_context_rule(const FIXTURE_VARIANT(ops) * variant,
				   const char *dflt)
{
	const char *other = !strcmp(variant->ctx, "inline") ? "iowq" :
			    !strcmp(variant->ctx, "iowq")   ? "sqpoll" :
							      "inline";
	char policy[128];
	int err = set_mode("enforce");

	if (err)
		return err;
	snprintf(policy, sizeof(policy), "default %s\ndeny op=%s ctx=%s\n",
		 dflt, variant->op, other);
	return load_policy(policy);
}

/* The decisions of @op in @ctx that were allow, from the stats file. */
static long allowed(const char *op, const char *ctx)
{
	char buf[16384], want[64], *line;

	if (read_text(URINGAUDIT_DIR "/stats", buf, sizeof(buf)) < 0)
		return -1;
	snprintf(want, sizeof(want), "\n%s %s ", op, ctx);
	line = strstr(buf, want);
	return line ? strtol(line + strlen(want), NULL, 10) : -1;
}

/*
 * A rule for the op in another context leaves it to the default: allow,
 * counted in its own context, with no record (a policy load afterwards is
 * the marker: no record of the op comes before its record); or audit.
 */
TEST_F(ops, other_context_default_allow)
{
	struct audit_record rec;
	long before, deadline;
	char pid[16];

	const char *op = variant->op;

	/* An unlinkat is counted as its class, unlink, as io_uring issues it. */
	if (uringaudit_precise() && !strcmp(op, "rmdir"))
		op = "unlink";
	snprintf(pid, sizeof(pid), "%d", getpid());
	ASSERT_EQ(0, load_other_context_rule(variant, "allow"));
	before = allowed(op, variant->ctx);
	ASSERT_LE(0, before);
	EXPECT_EQ(0, variant->run(self, variant));
	EXPECT_LT(before, allowed(op, variant->ctx));
	ASSERT_EQ(0, load_policy("default allow\n"));
	deadline = now_ms() + AUDIT_WAIT_MS;
	for (;;) {
		ASSERT_EQ(0, audit_next(self->audit_fd, &rec, deadline));
		if (rec.type == AUDIT_MAC_POLICY_LOAD &&
		    strstr(rec.text, " rules=0 "))
			break;
		EXPECT_FALSE(rec.type == AUDIT_URINGAUDIT &&
			     field_is(rec.text, "origin_pid", pid))
		{
			TH_LOG("record of an allowed op: %s", rec.text);
		}
	}
}

TEST_F(ops, other_context_default_audit)
{
	ASSERT_EQ(0, load_other_context_rule(variant, "audit"));
	EXPECT_EQ(0, variant->run(self, variant));
	expect_record(_metadata, self, variant, "audit", "0", "1");
}

TEST_HARNESS_MAIN
