// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Stress: io_uring inline, on io-wq and with SQPOLL in several
 * processes (opens, reads, writes, connects over loopback; rings set up and
 * torn down; processes exiting with their SQPOLL thread alive) while the
 * policy and the mode are replaced over and over.
 *
 * Checks: every op that failed with EACCES was denied by a deny rule that
 * could have been in force during it; no record is lost between the stats
 * counters and the records read.  The guest's kmemleak scan and the debug
 * kernel's checkers do the rest.  ua.stress=SECONDS sets the length
 * (default 10).
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <arpa/inet.h>
#include <limits.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "audit.h"
#include "common.h"

#define WORKERS 3
#define MAX_CHANGES 100000
#define MAX_DENIALS 100000
#define PORT 4455

/* Policies the flipper swaps between; only DENY_OPEN denies anything. */
static const char *const policies[] = {
	"default allow\naudit op=connect\n",
	"default allow\ndeny op=open ctx=iowq\naudit op=connect\n",
	"default allow\naudit op=open ctx=sqpoll\naudit op=connect\n",
};

#define DENY_OPEN 1

struct change {
	long before, after; /* monotonic ns around the write */
	int policy;
	int permissive;
};

struct denial {
	long start, end;
	int op; /* 0: an io-wq open, 1: anything else */
};

struct shared {
	long deadline;
	int nr_changes;
	struct change changes[MAX_CHANGES];
	int nr_denials;
	struct denial denials[MAX_DENIALS];
	long ops;
};

static struct shared *sh;

static long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static int stress_seconds(void)
{
	char cmdline[4096], *p;

	if (read_text("/proc/cmdline", cmdline, sizeof(cmdline)) > 0 &&
	    (p = strstr(cmdline, "ua.stress=")))
		return atoi(p + strlen("ua.stress="));
	return 10;
}

static void note_denial(long start, int kind)
{
	int i = __atomic_fetch_add(&sh->nr_denials, 1, __ATOMIC_SEQ_CST);

	if (i < MAX_DENIALS)
		sh->denials[i] = (struct denial){ start, now_ns(), kind };
}

static int run_op(struct io_uring *ring, struct io_uring_sqe *sqe,
		  unsigned int flags, int kind)
{
	long start = now_ns();
	int ret;

	io_uring_sqe_set_flags(sqe, flags);
	ret = submit_and_wait(ring);
	if (ret == -EACCES)
		note_denial(start, kind);
	__atomic_fetch_add(&sh->ops, 1, __ATOMIC_RELAXED);
	return ret;
}

/* One round: a ring, a few ops of each kind, and the ring torn down. */
static void round_of_ops(unsigned int seed, const char *file)
{
	struct io_uring_params p = { .sq_thread_idle = 50 };
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(PORT),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	static char buf[512];
	struct io_uring_sqe *sqe;
	struct io_uring ring;
	int i, fd, sock;

	if (seed % 3 == 0)
		p.flags = IORING_SETUP_SQPOLL;
	if (io_uring_queue_init_params(8, &ring, &p))
		return;
	for (i = 0; i < 4; i++) {
		unsigned int async = (seed + i) % 2 ? IOSQE_ASYNC : 0;

		sqe = io_uring_get_sqe(&ring);
		io_uring_prep_openat(sqe, AT_FDCWD, file, O_RDWR | O_CLOEXEC,
				     0);
		fd = run_op(&ring, sqe, async, async ? 0 : 1);
		if (fd < 0)
			continue;
		sqe = io_uring_get_sqe(&ring);
		io_uring_prep_write(sqe, fd, buf, sizeof(buf), 0);
		run_op(&ring, sqe, async, 1);
		sqe = io_uring_get_sqe(&ring);
		io_uring_prep_read(sqe, fd, buf, sizeof(buf), 0);
		run_op(&ring, sqe, async, 1);
		close(fd);
	}
	sock = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (sock >= 0) {
		sqe = io_uring_get_sqe(&ring);
		io_uring_prep_connect(sqe, sock, (struct sockaddr *)&sin,
				      sizeof(sin));
		run_op(&ring, sqe, seed % 2 ? IOSQE_ASYNC : 0, 1);
		close(sock);
	}
	/* Now and then, leave without tearing down an SQPOLL ring. */
	if (p.flags & IORING_SETUP_SQPOLL && seed % 7 == 0)
		return;
	io_uring_queue_exit(&ring);
}

static void worker(int id, const char *file)
{
	unsigned int seed = id * 7919;

	while (now_ns() < sh->deadline) {
		if (seed % 5 == 0) {
			/* A short-lived process whose SQPOLL ring outlives it. */
			pid_t pid = fork();

			if (!pid) {
				round_of_ops(0, file);
				_exit(0);
			}
			if (pid > 0)
				waitpid(pid, NULL, 0);
		}
		round_of_ops(seed++, file);
	}
	_exit(0);
}

static void *listener(void *arg)
{
	int lfd = *(int *)arg, fd;

	while ((fd = accept(lfd, NULL, NULL)) >= 0)
		close(fd);
	return NULL;
}

struct reader {
	int fd;
	long records;
	long overflows;
	int stop;
};

static void *read_records(void *arg)
{
	struct reader *r = arg;
	struct audit_record rec;

	while (!__atomic_load_n(&r->stop, __ATOMIC_SEQ_CST)) {
		int err = audit_next(r->fd, &rec, now_ms() + 200);

		/* Records dropped on the way to this socket: say so. */
		if (err == -ENOBUFS)
			r->overflows++;
		if (err)
			continue;
		if (rec.type == AUDIT_URINGAUDIT)
			r->records++;
	}
	/* Drain what kauditd still delivers. */
	while (!audit_next(r->fd, &rec, now_ms() + 1500))
		if (rec.type == AUDIT_URINGAUDIT)
			r->records++;
	return NULL;
}

static void stats_records(unsigned long long *records, unsigned long long *lost)
{
	char buf[16384], *p;

	*records = *lost = 0;
	if (read_text(URINGAUDIT_DIR "/stats", buf, sizeof(buf)) <= 0)
		return;
	p = strstr(buf, "\nrecords ");
	if (p)
		*records = strtoull(p + 9, NULL, 10);
	p = strstr(buf, "\nrecords_lost ");
	if (p)
		*lost = strtoull(p + 14, NULL, 10);
}

/* Whether a state with the deny policy, enforcing, may overlap @d. */
static bool deny_could_be_in_force(const struct denial *d, int nr)
{
	int i;

	for (i = 0; i < nr; i++) {
		const struct change *c = &sh->changes[i];
		long from = c->before;
		long to = i + 1 < nr ? sh->changes[i + 1].after : LONG_MAX;

		if (c->policy == DENY_OPEN && !c->permissive &&
		    from <= d->end && to >= d->start)
			return true;
	}
	return false;
}

FIXTURE(stress){};

FIXTURE_SETUP(stress)
{
}

FIXTURE_TEARDOWN(stress)
{
}

TEST_F_TIMEOUT(stress, policy_swaps_under_load, 600)
{
	unsigned long long rec0, lost0, rec1, lost1;
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(PORT),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int seconds = stress_seconds(), i, n, bad = 0, status, lfd, one = 1;
	struct reader reader = {};
	pthread_t lt, rt;
	char file[64];
	pid_t pids[WORKERS];

	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, sh);
	snprintf(file, sizeof(file), "/tmp/stress.%d", getpid());
	n = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	ASSERT_LE(0, n);
	close(n);

	lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ASSERT_LE(0, lfd);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	ASSERT_EQ(0, bind(lfd, (struct sockaddr *)&sin, sizeof(sin)));
	ASSERT_EQ(0, listen(lfd, 64));
	ASSERT_EQ(0, pthread_create(&lt, NULL, listener, &lfd));

	reader.fd = audit_open();
	ASSERT_LE(0, reader.fd);
	ASSERT_EQ(0, set_mode("enforce"));
	ASSERT_EQ(0, load_policy(policies[0]));
	ASSERT_EQ(0, pthread_create(&rt, NULL, read_records, &reader));
	stats_records(&rec0, &lost0);

	sh->deadline = now_ns() + seconds * 1000000000L;
	sh->changes[0] = (struct change){ 0, now_ns(), 0, 0 };
	sh->nr_changes = 1;
	for (i = 0; i < WORKERS; i++) {
		pids[i] = fork();
		ASSERT_LE(0, pids[i]);
		if (!pids[i])
			worker(i + 1, file);
	}

	/* The flipper: policy and mode, over and over, until the deadline. */
	for (i = 1; now_ns() < sh->deadline && i < MAX_CHANGES; i++) {
		struct change c = { .before = now_ns(),
				    .policy = sh->changes[i - 1].policy,
				    .permissive =
					    sh->changes[i - 1].permissive };
		int err;

		if (i % 4 == 3) {
			c.permissive = !c.permissive;
			err = set_mode(c.permissive ? "permissive" : "enforce");
		} else {
			c.policy = (c.policy + 1) % 3;
			err = load_policy(policies[c.policy]);
		}
		ASSERT_EQ(0, err);
		c.after = now_ns();
		sh->changes[i] = c;
		sh->nr_changes = i + 1;
	}
	for (i = 0; i < WORKERS; i++) {
		ASSERT_EQ(pids[i], waitpid(pids[i], &status, 0));
		EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status));
	}
	reset_uringaudit();
	__atomic_store_n(&reader.stop, 1, __ATOMIC_SEQ_CST);
	pthread_join(rt, NULL);
	stats_records(&rec1, &lost1);
	shutdown(lfd, SHUT_RDWR);
	close(lfd);
	pthread_join(lt, NULL);

	TH_LOG("%d s: %ld ops, %d policy and mode changes, %d denials, %llu records (%ld read, %ld overflows of the reader)",
	       seconds, sh->ops, sh->nr_changes - 1, sh->nr_denials,
	       rec1 - rec0, reader.records, reader.overflows);
	EXPECT_LE(1000, sh->nr_changes - 1);
	EXPECT_LT(0, sh->nr_denials);
	n = sh->nr_denials < MAX_DENIALS ? sh->nr_denials : MAX_DENIALS;
	for (i = 0; i < n; i++) {
		const struct denial *d = &sh->denials[i];

		if (d->op != 0 || !deny_could_be_in_force(d, sh->nr_changes)) {
			if (bad++ < 5)
				TH_LOG("denial %d (kind %d) with no deny rule in force",
				       i, d->op);
		}
	}
	EXPECT_EQ(0, bad);
	EXPECT_EQ(lost0, lost1);
	/* Every record counted was read, and no other was. */
	EXPECT_EQ(rec1 - rec0, (unsigned long long)reader.records);
	unlink(file);
	close(reader.fd);
	munmap(sh, sizeof(*sh));
}

TEST_HARNESS_MAIN
