// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Every IORING_OP_* of Linux 6.12, in every way it can be
 * submitted: inline, on io-wq (IOSQE_ASYNC) and on an SQPOLL ring.
 *
 * One table, OPCODES() below, holds a row per opcode: how to prepare a
 * valid SQE and its fixture (files, pipes, sockets, buffers, a futex word,
 * a second ring, a child to reap), the op classes its record may name, and
 * the context its issue is decided in for each way it is submitted, with
 * the reason when that is not the way's own context.  For each row and
 * way, in precise mode:
 *
 * - under "audit opcode=NAME" and "default allow", the op runs and has a
 *   record with opcode=NAME, the context of its row, origin_pid= this
 *   process, decision=audit, and result= exactly the CQE's res;
 * - under "deny opcode=NAME", its CQE's res is -EACCES, and it has a
 *   record with decision=deny, res=0 and result=-13.
 *
 * The table is checked against the kernel: every opcode number below
 * IORING_OP_LAST of the kernel's <linux/io_uring.h> has exactly one row,
 * and the kernel accepts "audit opcode=NAME" for every row's name.
 * Compat mode (no io_uring hook series) refuses opcode= rules: checked too.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/futex.h>
#include <linux/limits.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>

#include "kselftest_harness.h"
#include "audit.h"
#include "common.h"

/* user_data of the SQE under test, and of the SQEs that prepare it. */
#define OP_UD 0x5151
#define AUX_UD 0xa0a0

/* How an SQE is submitted. */
enum way { WAY_INLINE, WAY_ASYNC, WAY_SQPOLL, NR_WAYS };

/* Where its issue is decided: the record's ctx=. */
enum ctx { INLINE, IOWQ, SQPOLL, TASKWORK };

static const char *const ctx_names[] = { "inline", "iowq", "sqpoll",
					 "taskwork" };

/* What a prep hands the test: its fixture and the buffers SQEs point to. */
struct env {
	struct io_uring ring;
	struct io_uring ring2;
	bool ring2_up;
	/* IOSQE_ASYNC when the way is io-wq: for the SQE under test. */
	unsigned int async;
	char dir[64];
	char path[PATH_MAX];
	char path2[PATH_MAX];
	int fds[12];
	int nfds;
	pid_t child;
	/* Called while the CQE is awaited: wakes a futex waiter. */
	void (*kick)(struct env *e);
	char buf[64];
	char buf2[64];
	int fdarr[1];
	struct iovec iov;
	struct msghdr msg;
	struct statx stx;
	struct open_how how;
	struct __kernel_timespec ts;
	struct sockaddr_un sun;
	socklen_t sunlen;
	struct sockaddr_in sin;
	struct epoll_event ev;
	siginfo_t si;
	uint32_t futex;
	struct futex_waitv waitv;
	void *page;
};

/* A descriptor the teardown closes. */
static int keep(struct env *e, int fd)
{
	if (fd >= 0 && e->nfds < (int)ARRAY_SIZE(e->fds))
		e->fds[e->nfds++] = fd;
	return fd;
}

/* An SQE, zeroed, that prepares the one under test: issued inline. */
static struct io_uring_sqe *aux_sqe(struct env *e)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&e->ring);

	memset(sqe, 0, sizeof(*sqe));
	sqe->user_data = AUX_UD;
	return sqe;
}

/* Mark @sqe as the SQE under test: its user_data, and the way's flag. */
static int mark(struct env *e, struct io_uring_sqe *sqe)
{
	sqe->user_data = OP_UD;
	sqe->flags |= e->async;
	return 0;
}

/* A zeroed SQE with @opcode and @fd, for opcodes liburing 2.3 lacks. */
static struct io_uring_sqe *raw_sqe(struct env *e, int opcode, int fd)
{
	struct io_uring_sqe *sqe = aux_sqe(e);

	sqe->opcode = opcode;
	sqe->fd = fd;
	return sqe;
}

/* DIR/@name, a regular file holding "data"; its descriptor, O_RDWR. */
static int file_fd(struct env *e, const char *name)
{
	int fd;

	snprintf(e->path, sizeof(e->path), "%s/%s", e->dir, name);
	fd = open(e->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (pwrite(fd, "data", 4, 0) != 4) {
		close(fd);
		return -EIO;
	}
	return keep(e, fd);
}

/* A pipe, "data" in it when @full; p[0] reads, p[1] writes. */
static int make_pipe(struct env *e, int p[2], bool full)
{
	if (pipe2(p, O_CLOEXEC))
		return -errno;
	keep(e, p[0]);
	keep(e, p[1]);
	if (full && write(p[1], "data", 4) != 4)
		return -EIO;
	return 0;
}

/* A connected unix stream pair, "data" waiting on sv[1] when @full. */
static int make_pair(struct env *e, int sv[2], bool full)
{
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		return -errno;
	keep(e, sv[0]);
	keep(e, sv[1]);
	if (full && write(sv[0], "data", 4) != 4)
		return -EIO;
	return 0;
}

/* An abstract unix address of this test alone. */
static void unix_name(struct env *e)
{
	static int seq;
	int n;

	memset(&e->sun, 0, sizeof(e->sun));
	e->sun.sun_family = AF_UNIX;
	n = snprintf(e->sun.sun_path + 1, sizeof(e->sun.sun_path) - 1,
		     "ua-opc-%d-%d", getpid(), seq++);
	e->sunlen = offsetof(struct sockaddr_un, sun_path) + 1 + n;
}

/* A unix stream socket listening on e->sun. */
static int unix_listener(struct env *e)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	keep(e, fd);
	unix_name(e);
	if (bind(fd, (struct sockaddr *)&e->sun, e->sunlen) || listen(fd, 4))
		return -errno;
	return fd;
}

/* A UDP socket connected to another, bound on 127.0.0.1: zero copy works. */
static int udp_pair(struct env *e)
{
	socklen_t len = sizeof(e->sin);
	int rx, tx;

	rx = keep(e, socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	tx = keep(e, socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	if (rx < 0 || tx < 0)
		return -errno;
	memset(&e->sin, 0, sizeof(e->sin));
	e->sin.sin_family = AF_INET;
	e->sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(rx, (struct sockaddr *)&e->sin, sizeof(e->sin)) ||
	    getsockname(rx, (struct sockaddr *)&e->sin, &len) ||
	    connect(tx, (struct sockaddr *)&e->sin, sizeof(e->sin)))
		return -errno;
	return tx;
}

/* One registered file: a regular file, in slot 0. */
static int register_file(struct env *e)
{
	int fd = file_fd(e, "fixed");

	if (fd < 0)
		return fd;
	return io_uring_register_files(&e->ring, &fd, 1);
}

static void futex_kick(struct env *e)
{
	syscall(SYS_futex, &e->futex, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

/* Each prep fills the SQE under test (and what prepares it): 0 or -errno. */

static int prep_nop(struct env *e)
{
	struct io_uring_sqe *sqe = aux_sqe(e);

	io_uring_prep_nop(sqe);
	return mark(e, sqe);
}

static int prep_readv(struct env *e)
{
	struct io_uring_sqe *sqe;
	int p[2], ret = make_pipe(e, p, true);

	if (ret)
		return ret;
	e->iov = (struct iovec){ e->buf, 4 };
	sqe = aux_sqe(e);
	io_uring_prep_readv(sqe, p[0], &e->iov, 1, 0);
	return mark(e, sqe);
}

static int prep_writev(struct env *e)
{
	struct io_uring_sqe *sqe;
	int p[2], ret = make_pipe(e, p, false);

	if (ret)
		return ret;
	memcpy(e->buf, "data", 4);
	e->iov = (struct iovec){ e->buf, 4 };
	sqe = aux_sqe(e);
	io_uring_prep_writev(sqe, p[1], &e->iov, 1, 0);
	return mark(e, sqe);
}

static int prep_fsync(struct env *e)
{
	struct io_uring_sqe *sqe;
	int fd = file_fd(e, "f");

	if (fd < 0)
		return fd;
	sqe = aux_sqe(e);
	io_uring_prep_fsync(sqe, fd, 0);
	return mark(e, sqe);
}

static int fixed_buffer(struct env *e)
{
	e->iov = (struct iovec){ e->buf, sizeof(e->buf) };
	return io_uring_register_buffers(&e->ring, &e->iov, 1);
}

static int prep_read_fixed(struct env *e)
{
	struct io_uring_sqe *sqe;
	int p[2], ret = make_pipe(e, p, true);

	if (!ret)
		ret = fixed_buffer(e);
	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_read_fixed(sqe, p[0], e->buf, 4, 0, 0);
	return mark(e, sqe);
}

static int prep_write_fixed(struct env *e)
{
	struct io_uring_sqe *sqe;
	int p[2], ret = make_pipe(e, p, false);

	if (!ret)
		ret = fixed_buffer(e);
	if (ret)
		return ret;
	memcpy(e->buf, "data", 4);
	sqe = aux_sqe(e);
	io_uring_prep_write_fixed(sqe, p[1], e->buf, 4, 0, 0);
	return mark(e, sqe);
}

static int prep_poll_add(struct env *e)
{
	struct io_uring_sqe *sqe;
	int p[2], ret = make_pipe(e, p, true);

	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_poll_add(sqe, p[0], POLLIN);
	return mark(e, sqe);
}

/* A poll that never fires, user_data AUX_UD: for remove and cancel. */
static int armed_poll(struct env *e)
{
	struct io_uring_sqe *sqe;
	int p[2], ret = make_pipe(e, p, false);

	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_poll_add(sqe, p[0], POLLIN);
	sqe->user_data = AUX_UD;
	return 0;
}

static int prep_poll_remove(struct env *e)
{
	struct io_uring_sqe *sqe;
	int ret = armed_poll(e);

	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_poll_remove(sqe, AUX_UD);
	return mark(e, sqe);
}

static int prep_sync_file_range(struct env *e)
{
	struct io_uring_sqe *sqe;
	int fd = file_fd(e, "f");

	if (fd < 0)
		return fd;
	sqe = aux_sqe(e);
	io_uring_prep_sync_file_range(sqe, fd, 4, 0, 0);
	return mark(e, sqe);
}

static int prep_sendmsg(struct env *e)
{
	struct io_uring_sqe *sqe;
	int sv[2], ret = make_pair(e, sv, false);

	if (ret)
		return ret;
	memcpy(e->buf, "data", 4);
	e->iov = (struct iovec){ e->buf, 4 };
	e->msg = (struct msghdr){ .msg_iov = &e->iov, .msg_iovlen = 1 };
	sqe = aux_sqe(e);
	io_uring_prep_sendmsg(sqe, sv[0], &e->msg, 0);
	return mark(e, sqe);
}

static int prep_recvmsg(struct env *e)
{
	struct io_uring_sqe *sqe;
	int sv[2], ret = make_pair(e, sv, true);

	if (ret)
		return ret;
	e->iov = (struct iovec){ e->buf, 4 };
	e->msg = (struct msghdr){ .msg_iov = &e->iov, .msg_iovlen = 1 };
	sqe = aux_sqe(e);
	io_uring_prep_recvmsg(sqe, sv[1], &e->msg, 0);
	return mark(e, sqe);
}

static int prep_timeout(struct env *e)
{
	struct io_uring_sqe *sqe = aux_sqe(e);

	e->ts = (struct __kernel_timespec){ .tv_nsec = 1000000 };
	io_uring_prep_timeout(sqe, &e->ts, 0, 0);
	return mark(e, sqe);
}

static int prep_timeout_remove(struct env *e)
{
	struct io_uring_sqe *sqe = aux_sqe(e);

	e->ts = (struct __kernel_timespec){ .tv_sec = 30 };
	io_uring_prep_timeout(sqe, &e->ts, 0, 0);
	sqe->user_data = AUX_UD;
	sqe = aux_sqe(e);
	io_uring_prep_timeout_remove(sqe, AUX_UD, 0);
	return mark(e, sqe);
}

static int prep_accept(struct env *e)
{
	struct io_uring_sqe *sqe;
	int lfd = unix_listener(e), fd;

	if (lfd < 0)
		return lfd;
	fd = keep(e, socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
	if (fd < 0 || connect(fd, (struct sockaddr *)&e->sun, e->sunlen))
		return -errno;
	sqe = aux_sqe(e);
	io_uring_prep_accept(sqe, lfd, NULL, NULL, SOCK_CLOEXEC);
	return mark(e, sqe);
}

static int prep_async_cancel(struct env *e)
{
	struct io_uring_sqe *sqe;
	int ret = armed_poll(e);

	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_cancel64(sqe, AUX_UD, 0);
	return mark(e, sqe);
}

/*
 * A read of an empty pipe, and the linked timeout under test: it is
 * decided where its read is issued, so the way's flag goes on the read.
 */
static int prep_link_timeout(struct env *e)
{
	struct io_uring_sqe *sqe;
	int p[2], ret = make_pipe(e, p, false);

	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_read(sqe, p[0], e->buf, 4, 0);
	sqe->flags |= IOSQE_IO_LINK | e->async;
	e->ts = (struct __kernel_timespec){ .tv_nsec = 1000000 };
	sqe = aux_sqe(e);
	io_uring_prep_link_timeout(sqe, &e->ts, 0);
	sqe->user_data = OP_UD;
	return 0;
}

static int prep_connect(struct env *e)
{
	struct io_uring_sqe *sqe;
	int lfd = unix_listener(e), fd;

	if (lfd < 0)
		return lfd;
	fd = keep(e, socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
	if (fd < 0)
		return -errno;
	sqe = aux_sqe(e);
	io_uring_prep_connect(sqe, fd, (struct sockaddr *)&e->sun, e->sunlen);
	return mark(e, sqe);
}

static int prep_fallocate(struct env *e)
{
	struct io_uring_sqe *sqe;
	int fd = file_fd(e, "f");

	if (fd < 0)
		return fd;
	sqe = aux_sqe(e);
	io_uring_prep_fallocate(sqe, fd, 0, 0, 4096);
	return mark(e, sqe);
}

/* An existing file: its open completes where it is issued. */
static int existing_file(struct env *e)
{
	int fd = file_fd(e, "f");

	return fd < 0 ? fd : 0;
}

static int prep_openat(struct env *e)
{
	struct io_uring_sqe *sqe;
	int ret = existing_file(e);

	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_openat(sqe, AT_FDCWD, e->path, O_RDONLY | O_CLOEXEC, 0);
	return mark(e, sqe);
}

static int prep_close(struct env *e)
{
	struct io_uring_sqe *sqe;
	int fd = file_fd(e, "f");

	if (fd < 0)
		return fd;
	fd = dup(fd);
	if (fd < 0)
		return -errno;
	sqe = aux_sqe(e);
	io_uring_prep_close(sqe, fd);
	return mark(e, sqe);
}

static int prep_files_update(struct env *e)
{
	struct io_uring_sqe *sqe;
	int ret, fd = file_fd(e, "f");

	if (fd < 0)
		return fd;
	ret = io_uring_register_files_sparse(&e->ring, 1);
	if (ret)
		return ret;
	e->fdarr[0] = fd;
	sqe = aux_sqe(e);
	io_uring_prep_files_update(sqe, e->fdarr, 1, 0);
	return mark(e, sqe);
}

static int prep_statx(struct env *e)
{
	struct io_uring_sqe *sqe;
	int ret = existing_file(e);

	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_statx(sqe, AT_FDCWD, e->path, 0, STATX_SIZE, &e->stx);
	return mark(e, sqe);
}

static int prep_read(struct env *e)
{
	struct io_uring_sqe *sqe;
	int p[2], ret = make_pipe(e, p, true);

	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_read(sqe, p[0], e->buf, 4, 0);
	return mark(e, sqe);
}

static int prep_write(struct env *e)
{
	struct io_uring_sqe *sqe;
	int p[2], ret = make_pipe(e, p, false);

	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_write(sqe, p[1], "data", 4, 0);
	return mark(e, sqe);
}

/* POSIX_FADV_NORMAL: other advice is always punted to io-wq. */
static int prep_fadvise(struct env *e)
{
	struct io_uring_sqe *sqe;
	int fd = file_fd(e, "f");

	if (fd < 0)
		return fd;
	sqe = aux_sqe(e);
	io_uring_prep_fadvise(sqe, fd, 0, 4, POSIX_FADV_NORMAL);
	return mark(e, sqe);
}

static int prep_madvise(struct env *e)
{
	struct io_uring_sqe *sqe;

	e->page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (e->page == MAP_FAILED)
		return -errno;
	sqe = aux_sqe(e);
	io_uring_prep_madvise(sqe, e->page, 4096, MADV_NORMAL);
	return mark(e, sqe);
}

static int prep_send(struct env *e)
{
	struct io_uring_sqe *sqe;
	int sv[2], ret = make_pair(e, sv, false);

	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_send(sqe, sv[0], "data", 4, 0);
	return mark(e, sqe);
}

static int prep_recv(struct env *e)
{
	struct io_uring_sqe *sqe;
	int sv[2], ret = make_pair(e, sv, true);

	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_recv(sqe, sv[1], e->buf, 4, 0);
	return mark(e, sqe);
}

static int prep_openat2(struct env *e)
{
	struct io_uring_sqe *sqe;
	int ret = existing_file(e);

	if (ret)
		return ret;
	e->how = (struct open_how){ .flags = O_RDONLY | O_CLOEXEC };
	sqe = aux_sqe(e);
	io_uring_prep_openat2(sqe, AT_FDCWD, e->path, &e->how);
	return mark(e, sqe);
}

static int prep_epoll_ctl(struct env *e)
{
	struct io_uring_sqe *sqe;
	int p[2], ret = make_pipe(e, p, false), epfd;

	if (ret)
		return ret;
	epfd = keep(e, epoll_create1(EPOLL_CLOEXEC));
	if (epfd < 0)
		return -errno;
	e->ev = (struct epoll_event){ .events = EPOLLIN };
	sqe = aux_sqe(e);
	io_uring_prep_epoll_ctl(sqe, epfd, p[0], EPOLL_CTL_ADD, &e->ev);
	return mark(e, sqe);
}

static int prep_splice(struct env *e)
{
	struct io_uring_sqe *sqe;
	int p[2], ret = make_pipe(e, p, false), fd = file_fd(e, "f");

	if (ret || fd < 0)
		return ret ? ret : fd;
	sqe = aux_sqe(e);
	io_uring_prep_splice(sqe, fd, 0, p[1], -1, 4, 0);
	return mark(e, sqe);
}

static int prep_provide_buffers(struct env *e)
{
	struct io_uring_sqe *sqe = aux_sqe(e);

	io_uring_prep_provide_buffers(sqe, e->buf, 16, 2, 1, 0);
	return mark(e, sqe);
}

static int prep_remove_buffers(struct env *e)
{
	struct io_uring_sqe *sqe = aux_sqe(e);

	io_uring_prep_provide_buffers(sqe, e->buf, 16, 2, 1, 0);
	sqe->user_data = AUX_UD;
	sqe = aux_sqe(e);
	io_uring_prep_remove_buffers(sqe, 2, 1);
	return mark(e, sqe);
}

static int prep_tee(struct env *e)
{
	struct io_uring_sqe *sqe;
	int a[2], b[2], ret = make_pipe(e, a, true);

	if (!ret)
		ret = make_pipe(e, b, false);
	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_tee(sqe, a[0], b[1], 4, 0);
	return mark(e, sqe);
}

static int prep_shutdown(struct env *e)
{
	struct io_uring_sqe *sqe;
	int sv[2], ret = make_pair(e, sv, false);

	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_shutdown(sqe, sv[0], SHUT_WR);
	return mark(e, sqe);
}

static int prep_renameat(struct env *e)
{
	struct io_uring_sqe *sqe;
	int ret = existing_file(e);

	if (ret)
		return ret;
	snprintf(e->path2, sizeof(e->path2), "%s/g", e->dir);
	sqe = aux_sqe(e);
	io_uring_prep_renameat(sqe, AT_FDCWD, e->path, AT_FDCWD, e->path2, 0);
	return mark(e, sqe);
}

static int prep_unlinkat(struct env *e)
{
	struct io_uring_sqe *sqe;
	int ret = existing_file(e);

	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_unlinkat(sqe, AT_FDCWD, e->path, 0);
	return mark(e, sqe);
}

static int prep_mkdirat(struct env *e)
{
	struct io_uring_sqe *sqe = aux_sqe(e);

	snprintf(e->path, sizeof(e->path), "%s/d", e->dir);
	io_uring_prep_mkdirat(sqe, AT_FDCWD, e->path, 0700);
	return mark(e, sqe);
}

static int prep_symlinkat(struct env *e)
{
	struct io_uring_sqe *sqe = aux_sqe(e);

	snprintf(e->path, sizeof(e->path), "%s/l", e->dir);
	io_uring_prep_symlinkat(sqe, "target", AT_FDCWD, e->path);
	return mark(e, sqe);
}

static int prep_linkat(struct env *e)
{
	struct io_uring_sqe *sqe;
	int ret = existing_file(e);

	if (ret)
		return ret;
	snprintf(e->path2, sizeof(e->path2), "%s/h", e->dir);
	sqe = aux_sqe(e);
	io_uring_prep_linkat(sqe, AT_FDCWD, e->path, AT_FDCWD, e->path2, 0);
	return mark(e, sqe);
}

/* A second ring, the target of MSG_RING. */
static int prep_msg_ring(struct env *e)
{
	struct io_uring_sqe *sqe;
	int ret = io_uring_queue_init(4, &e->ring2, 0);

	if (ret)
		return ret;
	e->ring2_up = true;
	sqe = aux_sqe(e);
	io_uring_prep_msg_ring(sqe, e->ring2.ring_fd, 0, 0x1234, 0);
	return mark(e, sqe);
}

static int prep_fsetxattr(struct env *e)
{
	struct io_uring_sqe *sqe;
	int fd = file_fd(e, "f");

	if (fd < 0)
		return fd;
	sqe = aux_sqe(e);
	io_uring_prep_fsetxattr(sqe, fd, "user.ua", "v", 0, 1);
	return mark(e, sqe);
}

static int prep_setxattr(struct env *e)
{
	struct io_uring_sqe *sqe;
	int ret = existing_file(e);

	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_setxattr(sqe, "user.ua", "v", e->path, 0, 1);
	return mark(e, sqe);
}

static int prep_fgetxattr(struct env *e)
{
	struct io_uring_sqe *sqe;
	int fd = file_fd(e, "f");

	if (fd < 0)
		return fd;
	if (fsetxattr(fd, "user.ua", "v", 1, 0))
		return -errno;
	sqe = aux_sqe(e);
	io_uring_prep_fgetxattr(sqe, fd, "user.ua", e->buf, sizeof(e->buf));
	return mark(e, sqe);
}

static int prep_getxattr(struct env *e)
{
	struct io_uring_sqe *sqe;
	int ret = existing_file(e);

	if (ret)
		return ret;
	if (setxattr(e->path, "user.ua", "v", 1, 0))
		return -errno;
	sqe = aux_sqe(e);
	io_uring_prep_getxattr(sqe, "user.ua", e->buf, e->path, sizeof(e->buf));
	return mark(e, sqe);
}

static int prep_socket(struct env *e)
{
	struct io_uring_sqe *sqe = aux_sqe(e);

	io_uring_prep_socket(sqe, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, 0);
	return mark(e, sqe);
}

/* SOCKET_URING_OP_SIOCINQ (0): the bytes waiting, 0 on a new socket. */
static int prep_uring_cmd(struct env *e)
{
	int fd = keep(e, socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));

	if (fd < 0)
		return -errno;
	return mark(e, raw_sqe(e, IORING_OP_URING_CMD, fd));
}

static int prep_send_zc(struct env *e)
{
	struct io_uring_sqe *sqe;
	int fd = udp_pair(e);

	if (fd < 0)
		return fd;
	sqe = aux_sqe(e);
	io_uring_prep_send_zc(sqe, fd, "data", 4, 0, 0);
	return mark(e, sqe);
}

static int prep_sendmsg_zc(struct env *e)
{
	struct io_uring_sqe *sqe;
	int fd = udp_pair(e);

	if (fd < 0)
		return fd;
	memcpy(e->buf, "data", 4);
	e->iov = (struct iovec){ e->buf, 4 };
	e->msg = (struct msghdr){ .msg_iov = &e->iov, .msg_iovlen = 1 };
	sqe = aux_sqe(e);
	io_uring_prep_sendmsg_zc(sqe, fd, &e->msg, 0);
	return mark(e, sqe);
}

/* Two provided buffers in group 2, then a multishot read of a full pipe. */
static int prep_read_multishot(struct env *e)
{
	struct io_uring_sqe *sqe;
	int p[2], ret = make_pipe(e, p, true);

	if (ret)
		return ret;
	sqe = aux_sqe(e);
	io_uring_prep_provide_buffers(sqe, e->buf, 16, 2, 2, 0);
	sqe->user_data = AUX_UD;
	sqe = raw_sqe(e, IORING_OP_READ_MULTISHOT, p[0]);
	sqe->flags = IOSQE_BUFFER_SELECT;
	sqe->buf_group = 2;
	return mark(e, sqe);
}

/* A child that has exited, not yet reaped: WEXITED finds it at once. */
static int prep_waitid(struct env *e)
{
	struct io_uring_sqe *sqe;
	struct pollfd pfd = { .events = POLLIN };

	e->child = fork();
	if (e->child < 0)
		return -errno;
	if (!e->child)
		_exit(0);
	pfd.fd = keep(e, syscall(SYS_pidfd_open, e->child, 0));
	if (pfd.fd < 0 || poll(&pfd, 1, 3000) != 1)
		return -ECHILD;
	sqe = raw_sqe(e, IORING_OP_WAITID, e->child);
	sqe->len = P_PID;
	sqe->file_index = WEXITED;
	sqe->addr2 = (uintptr_t)&e->si;
	return mark(e, sqe);
}

#define FUTEX_FLAGS (FUTEX2_SIZE_U32 | FUTEX2_PRIVATE)

/* A wait on the futex word, woken by futex(2) while the CQE is awaited. */
static int prep_futex_wait(struct env *e)
{
	struct io_uring_sqe *sqe =
		raw_sqe(e, IORING_OP_FUTEX_WAIT, FUTEX_FLAGS);

	e->futex = 0;
	sqe->addr = (uintptr_t)&e->futex;
	sqe->addr2 = 0;
	sqe->addr3 = FUTEX_BITSET_MATCH_ANY;
	e->kick = futex_kick;
	return mark(e, sqe);
}

static int prep_futex_wake(struct env *e)
{
	struct io_uring_sqe *sqe =
		raw_sqe(e, IORING_OP_FUTEX_WAKE, FUTEX_FLAGS);

	sqe->addr = (uintptr_t)&e->futex;
	sqe->addr2 = 1;
	sqe->addr3 = FUTEX_BITSET_MATCH_ANY;
	return mark(e, sqe);
}

static int prep_futex_waitv(struct env *e)
{
	struct io_uring_sqe *sqe = raw_sqe(e, IORING_OP_FUTEX_WAITV, 0);

	e->futex = 0;
	e->waitv = (struct futex_waitv){ .val = 0,
					 .uaddr = (uintptr_t)&e->futex,
					 .flags = FUTEX_FLAGS };
	sqe->addr = (uintptr_t)&e->waitv;
	sqe->len = 1;
	e->kick = futex_kick;
	return mark(e, sqe);
}

static int prep_fixed_fd_install(struct env *e)
{
	struct io_uring_sqe *sqe;
	int ret = register_file(e);

	if (ret)
		return ret;
	sqe = raw_sqe(e, IORING_OP_FIXED_FD_INSTALL, 0);
	sqe->flags = IOSQE_FIXED_FILE;
	return mark(e, sqe);
}

static int prep_ftruncate(struct env *e)
{
	struct io_uring_sqe *sqe;
	int fd = file_fd(e, "f");

	if (fd < 0)
		return fd;
	sqe = raw_sqe(e, IORING_OP_FTRUNCATE, fd);
	sqe->off = 1;
	return mark(e, sqe);
}

static int prep_bind(struct env *e)
{
	struct io_uring_sqe *sqe;
	int fd = keep(e, socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));

	if (fd < 0)
		return -errno;
	unix_name(e);
	sqe = raw_sqe(e, IORING_OP_BIND, fd);
	sqe->addr = (uintptr_t)&e->sun;
	sqe->addr2 = e->sunlen;
	return mark(e, sqe);
}

static int prep_listen(struct env *e)
{
	struct io_uring_sqe *sqe;
	int fd = keep(e, socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));

	if (fd < 0)
		return -errno;
	unix_name(e);
	if (bind(fd, (struct sockaddr *)&e->sun, e->sunlen))
		return -errno;
	sqe = raw_sqe(e, IORING_OP_LISTEN, fd);
	sqe->len = 4;
	return mark(e, sqe);
}

/*
 * The table.  Columns: opcode, its name (as opcode= and the record's
 * opcode= write it), the op classes its record may name (the first is its
 * own class; a socket's read is a recv; the hooks it reaches may name
 * others), the context its issue is decided in when submitted inline, with
 * IOSQE_ASYNC and on an SQPOLL ring, the CQE's res it must have when it
 * runs (OK: >= 0), and why a way does not run in its own context.
 */
#define OK 0
#define ANY INLINE, IOWQ, SQPOLL
/* prep sets REQ_F_FORCE_ASYNC: every issue is on io-wq, SQPOLL's too. */
#define PUNTED IOWQ, IOWQ, IOWQ
#define WHY_PUNTED "its prep always punts it to io-wq (REQ_F_FORCE_ASYNC)"

/* clang-format off */
#define OPCODES(X)							\
	X(IORING_OP_NOP, nop, "nop", ANY, OK, NULL)			\
	X(IORING_OP_READV, readv, "read,recv", ANY, OK, NULL)		\
	X(IORING_OP_WRITEV, writev, "write,send", ANY, OK, NULL)	\
	X(IORING_OP_FSYNC, fsync, "sync", PUNTED, OK, WHY_PUNTED)	\
	X(IORING_OP_READ_FIXED, read_fixed, "read,recv", ANY, OK, NULL)	\
	X(IORING_OP_WRITE_FIXED, write_fixed, "write,send", ANY, OK, NULL) \
	X(IORING_OP_POLL_ADD, poll_add, "poll", ANY, OK, NULL)		\
	X(IORING_OP_POLL_REMOVE, poll_remove, "poll", ANY, OK, NULL)	\
	X(IORING_OP_SYNC_FILE_RANGE, sync_file_range, "sync", PUNTED, OK, \
	  WHY_PUNTED)							\
	X(IORING_OP_SENDMSG, sendmsg, "send,connect", ANY, OK, NULL)	\
	X(IORING_OP_RECVMSG, recvmsg, "recv,fd_install", ANY, OK, NULL)	\
	X(IORING_OP_TIMEOUT, timeout, "timeout", ANY, -ETIME, NULL)	\
	X(IORING_OP_TIMEOUT_REMOVE, timeout_remove, "timeout", ANY, OK, NULL) \
	X(IORING_OP_ACCEPT, accept, "accept", ANY, OK, NULL)		\
	X(IORING_OP_ASYNC_CANCEL, async_cancel, "cancel", ANY, OK, NULL) \
	X(IORING_OP_LINK_TIMEOUT, link_timeout, "timeout", ANY, -ETIME,	\
	  "never issued: decided as the request it is linked to is "	\
	  "issued, in that request's context")				\
	X(IORING_OP_CONNECT, connect, "connect", ANY, OK, NULL)		\
	X(IORING_OP_FALLOCATE, fallocate, "write", PUNTED, OK, WHY_PUNTED) \
	X(IORING_OP_OPENAT, openat, "open,truncate", ANY, OK, NULL)	\
	X(IORING_OP_CLOSE, close, "close", ANY, OK, NULL)		\
	X(IORING_OP_FILES_UPDATE, files_update, "files_update", ANY, OK, NULL) \
	X(IORING_OP_STATX, statx, "statx", PUNTED, OK, WHY_PUNTED)	\
	X(IORING_OP_READ, read, "read,recv", ANY, OK, NULL)		\
	X(IORING_OP_WRITE, write, "write,send", ANY, OK, NULL)		\
	X(IORING_OP_FADVISE, fadvise, "advise", ANY, OK, NULL)		\
	X(IORING_OP_MADVISE, madvise, "advise", PUNTED, OK, WHY_PUNTED)	\
	X(IORING_OP_SEND, send, "send,connect", ANY, OK, NULL)		\
	X(IORING_OP_RECV, recv, "recv", ANY, OK, NULL)			\
	X(IORING_OP_OPENAT2, openat2, "open,truncate", ANY, OK, NULL)	\
	X(IORING_OP_EPOLL_CTL, epoll_ctl, "epoll", ANY, OK, NULL)	\
	X(IORING_OP_SPLICE, splice, "write,read,send,recv", PUNTED, OK,	\
	  WHY_PUNTED)							\
	X(IORING_OP_PROVIDE_BUFFERS, provide_buffers, "buffers", ANY, OK, \
	  NULL)								\
	X(IORING_OP_REMOVE_BUFFERS, remove_buffers, "buffers", ANY, OK, NULL) \
	X(IORING_OP_TEE, tee, "write", PUNTED, OK, WHY_PUNTED)		\
	X(IORING_OP_SHUTDOWN, shutdown, "shutdown", PUNTED, OK, WHY_PUNTED) \
	X(IORING_OP_RENAMEAT, renameat, "rename", PUNTED, OK, WHY_PUNTED) \
	X(IORING_OP_UNLINKAT, unlinkat, "unlink,rmdir", PUNTED, OK,	\
	  WHY_PUNTED)							\
	X(IORING_OP_MKDIRAT, mkdirat, "mkdir", PUNTED, OK, WHY_PUNTED)	\
	X(IORING_OP_SYMLINKAT, symlinkat, "symlink", PUNTED, OK, WHY_PUNTED) \
	X(IORING_OP_LINKAT, linkat, "link", PUNTED, OK, WHY_PUNTED)	\
	X(IORING_OP_MSG_RING, msg_ring, "msg_ring", ANY, OK, NULL)	\
	X(IORING_OP_FSETXATTR, fsetxattr, "setxattr", PUNTED, OK, WHY_PUNTED) \
	X(IORING_OP_SETXATTR, setxattr, "setxattr", PUNTED, OK, WHY_PUNTED) \
	X(IORING_OP_FGETXATTR, fgetxattr, "getxattr", PUNTED, OK, WHY_PUNTED) \
	X(IORING_OP_GETXATTR, getxattr, "getxattr", PUNTED, OK, WHY_PUNTED) \
	X(IORING_OP_SOCKET, socket, "socket", ANY, OK, NULL)		\
	X(IORING_OP_URING_CMD, uring_cmd, "uring_cmd", ANY, OK, NULL)	\
	X(IORING_OP_SEND_ZC, send_zc, "send,connect", ANY, OK, NULL)	\
	X(IORING_OP_SENDMSG_ZC, sendmsg_zc, "send,connect", ANY, OK, NULL) \
	X(IORING_OP_READ_MULTISHOT, read_multishot, "read,recv",	\
	  INLINE, TASKWORK, SQPOLL, OK,					\
	  "io-wq never runs a multishot request: it arms its poll, and " \
	  "the request is issued from task_work")			\
	X(IORING_OP_WAITID, waitid, "waitid", ANY, OK, NULL)		\
	X(IORING_OP_FUTEX_WAIT, futex_wait, "futex", ANY, OK, NULL)	\
	X(IORING_OP_FUTEX_WAKE, futex_wake, "futex", ANY, OK, NULL)	\
	X(IORING_OP_FUTEX_WAITV, futex_waitv, "futex", ANY, OK, NULL)	\
	X(IORING_OP_FIXED_FD_INSTALL, fixed_fd_install, "fd_install", ANY, OK, \
	  NULL)								\
	X(IORING_OP_FTRUNCATE, ftruncate, "truncate", PUNTED, OK, WHY_PUNTED) \
	X(IORING_OP_BIND, bind, "bind", ANY, OK, NULL)			\
	X(IORING_OP_LISTEN, listen, "listen", ANY, OK, NULL)
/* clang-format on */

struct row {
	int opcode;
	const char *name;
	const char *classes;
	int (*prep)(struct env *e);
	unsigned char ctx[NR_WAYS];
	int want;
	const char *why;
};

#define ROW_(OPC, nm, cls, c0, c1, c2, res, reason) \
	{ .opcode = OPC,                            \
	  .name = #nm,                              \
	  .classes = cls,                           \
	  .prep = prep_##nm,                        \
	  .ctx = { c0, c1, c2 },                    \
	  .want = res,                              \
	  .why = reason },
#define ROW(...) ROW_(__VA_ARGS__)

static const struct row rows[] = { OPCODES(ROW) };

static const struct row *find_row(int opcode)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(rows); i++)
		if (rows[i].opcode == opcode)
			return &rows[i];
	return NULL;
}

FIXTURE(opcodes)
{
	struct env e;
	const struct row *row;
	int audit_fd;
	char pid[16];
};

FIXTURE_VARIANT(opcodes)
{
	int opcode;
	enum way way;
};

/* clang-format off */
#define VARIANTS_(OPC, nm, cls, c0, c1, c2, res, reason)		\
	FIXTURE_VARIANT_ADD(opcodes, nm##_inline) {			\
		.opcode = OPC, .way = WAY_INLINE };		\
	FIXTURE_VARIANT_ADD(opcodes, nm##_async) {			\
		.opcode = OPC, .way = WAY_ASYNC };		\
	FIXTURE_VARIANT_ADD(opcodes, nm##_sqpoll) {			\
		.opcode = OPC, .way = WAY_SQPOLL };
#define VARIANTS(...) VARIANTS_(__VA_ARGS__)
/* clang-format on */

OPCODES(VARIANTS)

FIXTURE_SETUP(opcodes)
{
	struct io_uring_params p = { .sq_thread_idle = 1000 };
	struct env *e = &self->e;

	memset(e, 0, sizeof(*e));
	self->audit_fd = -1;
	self->row = find_row(variant->opcode);
	ASSERT_NE(NULL, self->row);
	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	if (!uringaudit_precise())
		SKIP(return, "compat mode has no opcodes (opcode= is refused)");
	reset_uringaudit();
	snprintf(self->pid, sizeof(self->pid), "%d", getpid());
	snprintf(e->dir, sizeof(e->dir), "/tmp/opcodes.%d", getpid());
	ASSERT_EQ(0, mkdir(e->dir, 0700));
	self->audit_fd = audit_open();
	ASSERT_LE(0, self->audit_fd);
	if (variant->way == WAY_SQPOLL)
		p.flags = IORING_SETUP_SQPOLL;
	e->async = variant->way == WAY_ASYNC ? IOSQE_ASYNC : 0;
	ASSERT_EQ(0, io_uring_queue_init_params(16, &e->ring, &p));
}

FIXTURE_TEARDOWN(opcodes)
{
	struct env *e = &self->e;
	char cmd[96];
	int i;

	if (self->audit_fd < 0)
		return;
	reset_uringaudit();
	io_uring_queue_exit(&e->ring);
	if (e->ring2_up)
		io_uring_queue_exit(&e->ring2);
	for (i = 0; i < e->nfds; i++)
		close(e->fds[i]);
	if (e->child > 0)
		waitpid(e->child, NULL, WNOHANG);
	close(self->audit_fd);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", e->dir);
	if (system(cmd))
		TH_LOG("Failed to remove \"%s\"", e->dir);
}

/*
 * Prepare the row's SQE, submit it with the others, and wait for its CQE,
 * at most three seconds.  Return: its res, or -ETIMEDOUT with none.
 */
static int run_row(struct __test_metadata *_metadata,
		   FIXTURE_DATA(opcodes) * self)
{
	struct __kernel_timespec slice = { .tv_nsec = 20000000 };
	struct env *e = &self->e;
	struct io_uring_cqe *cqe;
	long deadline;
	int ret;

	ret = self->row->prep(e);
	if (ret) {
		TH_LOG("the fixture of %s failed: %s", self->row->name,
		       strerror(-ret));
		return INT32_MIN;
	}
	ret = io_uring_submit(&e->ring);
	if (ret < 0) {
		TH_LOG("io_uring_submit: %s", strerror(-ret));
		return INT32_MIN;
	}
	deadline = now_ms() + 3000;
	while (now_ms() < deadline) {
		ret = io_uring_wait_cqe_timeout(&e->ring, &cqe, &slice);
		if (ret == -ETIME || ret == -EINTR) {
			if (e->kick)
				e->kick(e);
			continue;
		}
		if (ret)
			break;
		if (cqe->user_data == OP_UD &&
		    !(cqe->flags & IORING_CQE_F_NOTIF)) {
			ret = cqe->res;
			io_uring_cqe_seen(&e->ring, cqe);
			return ret;
		}
		io_uring_cqe_seen(&e->ring, cqe);
	}
	return -ETIMEDOUT;
}

/* Whether every class of the comma-separated @list is one of @allowed. */
static bool classes_within(const char *list, const char *allowed)
{
	char copy[256], *tok, *save;

	snprintf(copy, sizeof(copy), "%s", list);
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		if (!list_has(allowed, tok))
			return false;
	return true;
}

struct opcode_record {
	const char *opcode;
	const char *ctx;
	const char *pid;
};

static bool is_opcode_record(const struct audit_record *rec, const void *arg)
{
	const struct opcode_record *want = arg;

	return rec->type == AUDIT_URINGAUDIT &&
	       field_is(rec->text, "opcode", want->opcode) &&
	       field_is(rec->text, "ctx", want->ctx) &&
	       field_is(rec->text, "origin_pid", want->pid);
}

/*
 * The record of the row's op in its context: decision @decision, res=
 * @res_field, result= @result; op= within the row's classes.
 */
static void expect_record(struct __test_metadata *_metadata,
			  FIXTURE_DATA(opcodes) * self,
			  const FIXTURE_VARIANT(opcodes) * variant,
			  const char *decision, const char *res_field,
			  int result)
{
	const struct row *r = self->row;
	const char *ctx = ctx_names[r->ctx[variant->way]];
	const struct opcode_record want = { r->name, ctx, self->pid };
	struct audit_record rec;
	char val[256], num[16];

	ASSERT_EQ(0, audit_wait(self->audit_fd, &rec, is_opcode_record, &want))
	{
		TH_LOG("no record of opcode=%s ctx=%s origin_pid=%s", r->name,
		       ctx, self->pid);
	}
	TH_LOG("record: %s", rec.text);
	EXPECT_TRUE(field_is(rec.text, "decision", decision));
	EXPECT_TRUE(field_is(rec.text, "res", res_field));
	snprintf(num, sizeof(num), "%d", result);
	EXPECT_TRUE(field_is(rec.text, "result", num))
	{
		TH_LOG("want result=%d, the CQE's res", result);
	}
	ASSERT_TRUE(field_get(rec.text, "op", val, sizeof(val)));
	EXPECT_TRUE(classes_within(val, r->classes))
	{
		TH_LOG("op=%s, not within %s", val, r->classes);
	}
	EXPECT_TRUE(field_get(rec.text, "ring", val, sizeof(val)));
	if (r->opcode == IORING_OP_MSG_RING)
		EXPECT_TRUE(
			field_get(rec.text, "target_ring", val, sizeof(val)));
}

TEST_F(opcodes, audit_records_opcode_ctx_result)
{
	char policy[96];
	int res;

	snprintf(policy, sizeof(policy), "default allow\naudit opcode=%s\n",
		 self->row->name);
	ASSERT_EQ(0, load_policy(policy));
	res = run_row(_metadata, self);
	ASSERT_NE(INT32_MIN, res);
	if (self->row->want == OK) {
		EXPECT_LE(0, res);
	} else {
		EXPECT_EQ(self->row->want, res);
	}
	if (self->row->why &&
	    self->row->ctx[variant->way] != (unsigned char)variant->way)
		TH_LOG("decided as %s: %s",
		       ctx_names[self->row->ctx[variant->way]], self->row->why);
	expect_record(_metadata, self, variant, "audit", "1", res);
}

TEST_F(opcodes, deny_fails_with_eacces)
{
	char policy[96];

	snprintf(policy, sizeof(policy), "deny opcode=%s\n", self->row->name);
	ASSERT_EQ(0, load_policy(policy));
	EXPECT_EQ(-EACCES, run_row(_metadata, self));
	expect_record(_metadata, self, variant, "deny", "0", -EACCES);
}

/*
 * The table has a row for every opcode of the kernel's headers, and one
 * only; the kernel knows every row's name (and no made-up one).
 */
TEST(table_has_every_kernel_opcode)
{
	char policy[96];
	size_t i, j;
	int op, want;

	EXPECT_EQ(IORING_OP_LAST, (int)ARRAY_SIZE(rows));
	for (op = 0; op < IORING_OP_LAST; op++)
		EXPECT_NE(NULL, find_row(op))
		{
			TH_LOG("IORING_OP number %d has no row", op);
		}
	for (i = 0; i < ARRAY_SIZE(rows); i++)
		for (j = i + 1; j < ARRAY_SIZE(rows); j++) {
			EXPECT_NE(rows[i].opcode, rows[j].opcode);
			EXPECT_STRNE(rows[i].name, rows[j].name);
		}
	if (!uringaudit_expected())
		return;
	/* Compat mode refuses opcode= rules: it cannot see opcodes. */
	want = uringaudit_precise() ? 0 : -EOPNOTSUPP;
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		snprintf(policy, sizeof(policy), "audit opcode=%s\n",
			 rows[i].name);
		EXPECT_EQ(want, load_policy(policy))
		{
			TH_LOG("the kernel's answer to \"opcode=%s\"",
			       rows[i].name);
		}
	}
	EXPECT_EQ(-EBADMSG, load_policy("audit opcode=no_such_opcode\n"));
	reset_uringaudit();
}

TEST_HARNESS_MAIN
