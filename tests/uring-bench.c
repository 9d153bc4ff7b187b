// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Benchmark of the io_uring paths uringaudit mediates
 *
 * Runs in the guest of `make bench`, under QEMU's instruction counting, so
 * that a nanosecond of guest time is one instruction.  Each measurement is
 * one workload under one configuration; every configuration is measured
 * once for warm-up (rep 0) and then REPS times, interleaved with the
 * others.  Results go to stdout as one line per measurement:
 *
 *   bench config=C workload=W rep=R ops=N ns=T ctxsw=S records=K lost=L all=A
 *
 * K counts the records of the configuration's type (uringaudit's, or
 * URINGOP), A every audit record read meanwhile (SYSCALL, PATH, ...), by
 * an audit daemon of its own (a child registered as auditd).  A line
 *
 *   bench-policy config=C rules=N unresolved=U
 *
 * follows each load of a policy in the warm-up: how many of its path= and
 * exe= rules named nothing that existed.  mk/bench-report.pl turns the
 * lines of the three boots of a seed (uringaudit absent, precise mode,
 * compat mode) into docs/benchmarks.md.
 *
 * Usage: uring-bench [-w WORKLOAD,...] [-c CONFIG,...] [-r REPS] [-s SCALE]
 * Exit codes: 0 every measurement ran, 1 one could not, 2 bad usage.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <linux/uringaudit.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SECFS "/sys/kernel/security/" URINGAUDIT_FS_DIR
#define DATA_DIR "/tmp/bench"
#define DATA_FILE DATA_DIR "/data"
#define WRITE_FILE DATA_DIR "/written"
/* What the path= and exe= rules name: files no workload touches. */
#define NONE_DIR DATA_DIR "/none"
#define BIN_DIR DATA_DIR "/bin"
#define DATA_BLOCKS 256
#define BLOCK 4096
#define BATCH 32
#define MAX_RULES 4096

#ifndef AUDIT_FILTER_URING_EXIT
#define AUDIT_FILTER_URING_EXIT 0x07
#endif
#ifndef AUDIT_URINGOP
#define AUDIT_URINGOP 1336
#endif

/* Records the audit consumer has read, by type and in all; shared with it. */
struct counters {
	volatile unsigned long by_type[2048];
	volatile unsigned long all;
};

static struct counters *counters;
static pid_t consumer = -1;
static char *buffers;
static int data_fd = -1, data_nb_fd = -1, write_fd = -1;

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "uring-bench: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (consumer > 0)
		kill(consumer, SIGKILL);
	exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Context switches of the whole system, from /proc/stat. */
static unsigned long long context_switches(void)
{
	unsigned long long n = 0;
	char line[256];
	FILE *f;

	f = fopen("/proc/stat", "r");
	if (!f)
		die("Failed to open \"/proc/stat\": %s", strerror(errno));
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "ctxt %llu", &n) == 1)
			break;
	fclose(f);
	return n;
}

/* Whether any thread of this process is an SQPOLL thread. */
static bool sqpoll_thread_alive(void)
{
	char path[300], comm[32];
	struct dirent *d;
	bool alive = false;
	DIR *dir;

	dir = opendir("/proc/self/task");
	if (!dir)
		die("Failed to open \"/proc/self/task\": %s", strerror(errno));
	while (!alive && (d = readdir(dir))) {
		FILE *f;

		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%s/comm",
			 d->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		alive = fgets(comm, sizeof(comm), f) &&
			!strncmp(comm, "iou-sqp-", 8);
		fclose(f);
	}
	closedir(dir);
	return alive;
}

/* An SQPOLL thread spins on after its ring closes: wait for it to go. */
static void wait_sqpoll_exit(void)
{
	while (sqpoll_thread_alive())
		usleep(10000);
}

/* ---- Workloads ---------------------------------------------------- */

struct workload {
	const char *name;
	/* Its ring: none (-1), or the setup flags of one. */
	int ring_flags;
	/* Ops of one measurement at scale 1. */
	unsigned int ops;
	/*
	 * Whether it does a file op through io_uring (one a policy on files
	 * mediates), and whether URINGOP audits it.
	 */
	bool mediated, uringop;
	/* Runs n ops; returns 0 or -errno. */
	int (*run)(unsigned int n);
};

/* The ring of the workload being measured, set up before the clock starts. */
static struct io_uring ring;

static void ring_init(unsigned int flags)
{
	struct io_uring_params p = { .flags = flags, .sq_thread_idle = 1000 };
	int ret;

	ret = io_uring_queue_init_params(BATCH * 2, &ring, &p);
	if (ret)
		die("Failed to set up \"io_uring\": %s", strerror(-ret));
}

/* Reaps n completions; returns the first failure as -errno. */
static int reap(struct io_uring *ring, unsigned int n, int *res)
{
	struct io_uring_cqe *cqe;
	unsigned int i;
	int ret = 0;

	for (i = 0; i < n; i++) {
		int err = io_uring_wait_cqe(ring, &cqe);

		if (err)
			return err;
		if (cqe->res < 0 && !ret)
			ret = cqe->res;
		if (res)
			res[cqe->user_data] = cqe->res;
		io_uring_cqe_seen(ring, cqe);
	}
	return ret;
}

static int run_nop(unsigned int n)
{
	unsigned int done, i;
	int ret = 0;

	for (done = 0; done < n && !ret; done += BATCH) {
		for (i = 0; i < BATCH; i++)
			io_uring_prep_nop(io_uring_get_sqe(&ring));
		ret = io_uring_submit_and_wait(&ring, BATCH);
		if (ret >= 0)
			ret = reap(&ring, BATCH, NULL);
	}
	return ret;
}

static int run_read(unsigned int n)
{
	unsigned int done, i;
	int ret = 0;

	for (done = 0; done < n && !ret; done += BATCH) {
		for (i = 0; i < BATCH; i++) {
			unsigned int blk = (done + i) % DATA_BLOCKS;

			io_uring_prep_read(io_uring_get_sqe(&ring), data_nb_fd,
					   buffers + i * BLOCK, BLOCK,
					   (uint64_t)blk * BLOCK);
		}
		ret = io_uring_submit(&ring);
		if (ret >= 0)
			ret = reap(&ring, BATCH, NULL);
	}
	return ret;
}

/*
 * tmpfs has no FOP_BUFFER_WASYNC: io_uring tries each buffered write
 * inline, gets -EAGAIN, and issues it again on io-wq.
 */
static int run_write(unsigned int n)
{
	unsigned int done, i;
	int ret = 0;

	for (done = 0; done < n && !ret; done += BATCH) {
		for (i = 0; i < BATCH; i++) {
			unsigned int blk = (done + i) % DATA_BLOCKS;

			io_uring_prep_write(io_uring_get_sqe(&ring), write_fd,
					    buffers + i * BLOCK, BLOCK,
					    (uint64_t)blk * BLOCK);
		}
		ret = io_uring_submit(&ring);
		if (ret >= 0)
			ret = reap(&ring, BATCH, NULL);
	}
	return ret;
}

static int opens(unsigned int n, unsigned int sqe_flags)
{
	int fds[BATCH];
	unsigned int done, i;
	int ret = 0;

	for (done = 0; done < n && !ret; done += BATCH) {
		for (i = 0; i < BATCH; i++) {
			struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

			io_uring_prep_openat(sqe, AT_FDCWD, DATA_FILE, O_RDONLY,
					     0);
			io_uring_sqe_set_flags(sqe, sqe_flags);
			sqe->user_data = i;
		}
		ret = io_uring_submit_and_wait(&ring, BATCH);
		if (ret >= 0)
			ret = reap(&ring, BATCH, fds);
		if (ret)
			break;
		for (i = 0; i < BATCH; i++)
			io_uring_prep_close(io_uring_get_sqe(&ring), fds[i]);
		ret = io_uring_submit_and_wait(&ring, BATCH);
		if (ret >= 0)
			ret = reap(&ring, BATCH, NULL);
	}
	return ret;
}

static int run_open_inline(unsigned int n)
{
	return opens(n, 0);
}

static int run_open_iowq(unsigned int n)
{
	return opens(n, IOSQE_ASYNC);
}

static int run_open_syscall(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		int fd = openat(AT_FDCWD, DATA_FILE, O_RDONLY);

		if (fd < 0)
			return -errno;
		close(fd);
	}
	return 0;
}

static int run_pread(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		off_t off = (off_t)(i % DATA_BLOCKS) * BLOCK;

		if (pread(data_fd, buffers, BLOCK, off) != BLOCK)
			return -EIO;
	}
	return 0;
}

static int run_pwrite(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		off_t off = (off_t)(i % DATA_BLOCKS) * BLOCK;

		if (pwrite(write_fd, buffers, BLOCK, off) != BLOCK)
			return -EIO;
	}
	return 0;
}

static const struct workload workloads[] = {
	{ "nop", 0, 16384, false, false, run_nop },
	{ "read_inline", 0, 8192, true, false, run_read },
	{ "read_sqpoll", IORING_SETUP_SQPOLL, 8192, true, false, run_read },
	{ "pread", -1, 8192, false, false, run_pread },
	{ "write_iowq", 0, 4096, true, false, run_write },
	{ "pwrite", -1, 8192, false, false, run_pwrite },
	{ "open_inline", 0, 4096, true, true, run_open_inline },
	{ "open_syscall", -1, 4096, false, false, run_open_syscall },
	{ "open_iowq", 0, 2048, true, true, run_open_iowq },
};

#define NR_WORKLOADS (sizeof(workloads) / sizeof(workloads[0]))

/* ---- The audit consumer ------------------------------------------- */

static int audit_request(int fd, int type, const void *data, size_t len)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct {
		struct nlmsghdr nlh;
		char data[8192];
	} req = {};
	char reply[8192];
	ssize_t got;

	if (len > sizeof(req.data))
		return -E2BIG;
	req.nlh.nlmsg_len = NLMSG_LENGTH(len);
	req.nlh.nlmsg_type = type;
	req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	memcpy(req.data, data, len);
	if (sendto(fd, &req, req.nlh.nlmsg_len, 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) < 0)
		return -errno;
	for (;;) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)reply;

		got = recv(fd, reply, sizeof(reply), 0);
		if (got < 0)
			return -errno;
		if (!NLMSG_OK(nlh, (size_t)got))
			return -EPROTO;
		if (nlh->nlmsg_type == NLMSG_ERROR)
			return ((struct nlmsgerr *)NLMSG_DATA(nlh))->error;
	}
}

static int audit_socket(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);

	if (fd < 0)
		die("Failed to open \"audit netlink\": %s", strerror(errno));
	return fd;
}

/*
 * The kernel audit's counters: records lost so far and records queued for
 * the daemon (-1 each when audit is absent).
 */
static void audit_counters(long *lost, long *backlog)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct nlmsghdr req = {
		.nlmsg_len = NLMSG_LENGTH(0),
		.nlmsg_type = AUDIT_GET,
		.nlmsg_flags = NLM_F_REQUEST,
	};
	char reply[1024];
	struct nlmsghdr *nlh = (struct nlmsghdr *)reply;
	ssize_t got;
	int fd;

	*lost = *backlog = -1;
	fd = audit_socket();
	if (sendto(fd, &req, req.nlmsg_len, 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) >= 0) {
		got = recv(fd, reply, sizeof(reply), 0);
		if (got > 0 && NLMSG_OK(nlh, (size_t)got) &&
		    nlh->nlmsg_type == AUDIT_GET) {
			struct audit_status *st = NLMSG_DATA(nlh);

			*lost = st->lost;
			*backlog = st->backlog;
		}
	}
	close(fd);
}

static long audit_lost(void)
{
	long lost, backlog;

	audit_counters(&lost, &backlog);
	return lost;
}

/*
 * The audit daemon of the guest: registers as auditd, so that records go
 * to it rather than to the console, and counts what it reads by type.
 */
static void start_consumer(void)
{
	struct audit_status s = {
		.mask = AUDIT_STATUS_PID | AUDIT_STATUS_ENABLED,
		.enabled = 1,
	};
	int fd, size = 8 << 20, ret;
	char buf[16384];

	counters = mmap(NULL, sizeof(*counters), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (counters == MAP_FAILED)
		die("Failed to map \"counters\": %s", strerror(errno));
	consumer = fork();
	if (consumer < 0)
		die("Failed to fork \"audit consumer\": %s", strerror(errno));
	if (consumer > 0)
		return;

	fd = audit_socket();
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	s.pid = getpid();
	ret = audit_request(fd, AUDIT_SET, &s, sizeof(s));
	if (ret) {
		fprintf(stderr,
			"uring-bench: Failed to register \"auditd\": %s\n",
			strerror(-ret));
		_exit(1);
	}
	for (;;) {
		ssize_t got = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *nlh = (struct nlmsghdr *)buf;

		if (got < 0) {
			if (errno == EINTR || errno == ENOBUFS)
				continue;
			_exit(1);
		}
		for (; NLMSG_OK(nlh, (size_t)got); nlh = NLMSG_NEXT(nlh, got))
			if (nlh->nlmsg_type < 2048) {
				counters->by_type[nlh->nlmsg_type]++;
				counters->all++;
			}
	}
}

/*
 * Waits, yielding the CPU to kauditd and the consumer, until @want records
 * of @type have been read since @before, and then until the kernel's audit
 * queue is empty and the consumer reads nothing more (an op can have more
 * than one record: one per issue attempt); the wait is part of the cost.
 */
static unsigned long drain(int type, unsigned long before, unsigned long want)
{
	uint64_t deadline = now_ns() + 20000000000ULL;
	unsigned long seen;
	long lost, backlog;
	int quiet;

	while (counters->by_type[type] - before < want && now_ns() < deadline)
		sched_yield();
	do {
		seen = counters->all;
		for (quiet = 0; quiet < 8 && counters->all == seen; quiet++)
			sched_yield();
		audit_counters(&lost, &backlog);
	} while ((counters->all != seen || backlog > 0) && now_ns() < deadline);
	return counters->by_type[type] - before;
}

/* The io_uring filter rule that makes the kernel audit IORING_OP_OPENAT. */
static int uringop_rule(bool add)
{
	struct audit_rule_data rule = {
		.flags = AUDIT_FILTER_URING_EXIT,
		.action = AUDIT_ALWAYS,
	};
	int fd, ret;

	rule.mask[IORING_OP_OPENAT / 32] = 1U << (IORING_OP_OPENAT % 32);
	fd = audit_socket();
	ret = audit_request(fd, add ? AUDIT_ADD_RULE : AUDIT_DEL_RULE, &rule,
			    sizeof(rule));
	close(fd);
	return ret;
}

/* ---- Configurations ----------------------------------------------- */

struct config {
	const char *name;
	/* Rules of a policy no op matches; -1: no policy to load. */
	int rules;
	/* Its rules match on uid, auid and gid only: no path, no exe. */
	bool ids_only;
	/* Its rules name other op classes than the benchmark's. */
	bool other_ops;
	/* The policy audits the ops; the kernel audits them (URINGOP). */
	bool audit, uringop;
	/* Measured on every workload, or only on the mediated ones. */
	bool all_workloads;
	/*
	 * Fewer ops than the workload's: an op that writes audit records
	 * costs ten times more, and the ratio is what is measured.
	 */
	unsigned int div;
};

/*
 * configs[0] is phase 1, the same in every boot.  Of the others, a boot
 * without uringaudit measures only the kernel's URINGOP rule (with
 * uringaudit, under an empty policy: one cannot unload a policy).
 */
static const struct config configs[] = {
	{ "none", -1, false, false, false, false, true, 1 },
	{ "empty", 0, false, false, false, false, true, 1 },
	{ "others64", 64, false, true, false, false, true, 1 },
	{ "paths64", 64, false, false, false, false, true, 1 },
	{ "ids64", 64, true, false, false, false, false, 1 },
	{ "audit", 0, false, false, true, false, false, 8 },
	{ "uringop", 0, false, false, false, true, false, 8 },
	{ "rules1", 1, false, false, false, false, false, 1 },
	{ "rules16", 16, false, false, false, false, false, 1 },
	{ "rules256", 256, false, false, false, false, false, 1 },
	{ "rules4096", 4096, false, false, false, false, false, 1 },
};

#define NR_CONFIGS (sizeof(configs) / sizeof(configs[0]))

/*
 * What rule @i of a policy matches on: rule 0 on uid, executable and
 * path; the others on one key each, in turn uid, auid, exe and path.
 * With ids only: uid, auid (an audit rule) and gid.
 */
enum rule_kind { K_UID, K_AUID, K_EXE, K_PATH, K_ALL, K_GID };

static enum rule_kind rule_kind(int i, bool ids_only)
{
	static const enum rule_kind ids[] = { K_UID, K_AUID, K_GID };

	if (ids_only)
		return ids[i % 3];
	return i ? (enum rule_kind)(i % 4) : K_ALL;
}

/*
 * The files the path= and exe= rules name: they exist, so that the rules
 * name identities, as the rules of a real policy do; no workload touches
 * them.  Directories for path= (a rule names a tree), files for exe=.
 */
static void setup_rule_files(void)
{
	char name[64];
	int i;

	if ((mkdir(NONE_DIR, 0755) && errno != EEXIST) ||
	    (mkdir(BIN_DIR, 0755) && errno != EEXIST))
		die("Failed to create \"" NONE_DIR "\": %s", strerror(errno));
	for (i = 0; i < MAX_RULES; i++) {
		enum rule_kind k = rule_kind(i, false);
		int fd;

		if (k == K_PATH || k == K_ALL) {
			snprintf(name, sizeof(name), NONE_DIR "/d%d", i);
			if (mkdir(name, 0755) && errno != EEXIST)
				die("Failed to create \"%s\": %s", name,
				    strerror(errno));
		}
		if (k == K_EXE || k == K_ALL) {
			snprintf(name, sizeof(name), BIN_DIR "/p%d", i);
			fd = open(name, O_WRONLY | O_CREAT | O_CLOEXEC, 0755);
			if (fd < 0)
				die("Failed to create \"%s\": %s", name,
				    strerror(errno));
			close(fd);
		}
	}
}

/*
 * A policy of @n rules that name the benchmark's op classes (open, read,
 * write) but match none of its ops, so that the values they match on
 * are computed as a real policy would make them.  With @other_ops, the
 * same rules name op classes the benchmark does not do (unlink, mkdir,
 * rename, symlink) instead: what most rules of a real policy are to a
 * given op.
 */
static char *nonmatching_policy(int n, bool ids_only, bool other_ops,
				size_t *len)
{
	size_t size = 128 + (size_t)n * 160, off = 0;
	const char *ops = other_ops ? "unlink,mkdir,rename,symlink" :
				      "open,read,write";
	char *text = malloc(size);
	int i;

	if (!text)
		die("Failed to allocate \"policy\": %s", strerror(ENOMEM));
	for (i = 0; i < n; i++) {
		int v = 60000 + i;

		switch (rule_kind(i, ids_only)) {
		case K_UID:
			off += snprintf(text + off, size - off,
					"deny op=%s uid=%d\n", ops, v);
			break;
		case K_AUID:
			off += snprintf(text + off, size - off,
					"%s op=%s auid=%d\n",
					ids_only ? "audit" : "deny", ops, v);
			break;
		case K_EXE:
			off += snprintf(text + off, size - off,
					"deny op=%s exe=" BIN_DIR "/p%d\n", ops,
					i);
			break;
		case K_PATH:
			off += snprintf(text + off, size - off,
					"deny op=%s path=" NONE_DIR "/d%d\n",
					ops, i);
			break;
		case K_ALL:
			off += snprintf(text + off, size - off,
					"deny op=%s uid=%d exe=" BIN_DIR
					"/p%d path=" NONE_DIR "/d%d\n",
					ops, v, i, i);
			break;
		case K_GID:
			off += snprintf(text + off, size - off,
					"deny op=%s gid=%d\n", ops, v);
			break;
		}
	}
	off += snprintf(text + off, size - off, "default allow\n");
	*len = off;
	return text;
}

static void load_policy(const char *text, size_t len)
{
	int fd = open(SECFS "/policy", O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		die("Failed to open \"" SECFS "/policy\": %s", strerror(errno));
	if (write(fd, text, len) != (ssize_t)len)
		die("Failed to load \"policy\": %s", strerror(errno));
	close(fd);
}

/* A "KEY VALUE" line of the status file; @def when there is none. */
static void status_value(const char *key, char *val, size_t size,
			 const char *def)
{
	size_t len = strlen(key);
	char line[256];
	FILE *f;

	snprintf(val, size, "%s", def);
	f = fopen(SECFS "/status", "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, len) || line[len] != ' ')
			continue;
		line[strcspn(line, "\n")] = 0;
		snprintf(val, size, "%s", line + len + 1);
		break;
	}
	fclose(f);
}

/* Whether uringaudit is in lsm=: its policy file can be written. */
static bool active;

static void enter_config(const struct config *c, int rep)
{
	static const char audit_policy[] = "audit op=open,read,write\n";
	int ret;

	if (!active) {
		/* The kernel's rule alone. */
	} else if (c->audit) {
		load_policy(audit_policy, strlen(audit_policy));
	} else if (c->rules >= 0) {
		size_t len;
		char *text = nonmatching_policy(c->rules, c->ids_only,
						c->other_ops, &len);

		load_policy(text, len);
		free(text);
	}
	if (active && rep == 0 && (c->audit || c->rules >= 0)) {
		char unresolved[32];

		status_value("unresolved", unresolved, sizeof(unresolved), "?");
		printf("bench-policy config=%s rules=%d unresolved=%s\n",
		       c->name, c->audit ? 1 : c->rules, unresolved);
	}
	if (c->uringop) {
		ret = uringop_rule(true);
		if (ret)
			die("Failed to add \"io_uring audit rule\": %s",
			    strerror(-ret));
	}
}

static void leave_config(const struct config *c)
{
	int ret;

	if (c->uringop) {
		ret = uringop_rule(false);
		if (ret)
			die("Failed to delete \"io_uring audit rule\": %s",
			    strerror(-ret));
	}
}

/* ---- Measuring ---------------------------------------------------- */

static unsigned int scale = 1;

static void measure(const struct config *c, const struct workload *w, int rep)
{
	/* Whole batches. */
	unsigned int n = (w->ops * scale / c->div + BATCH - 1) / BATCH * BATCH;
	int type = c->uringop ? AUDIT_URINGOP : AUDIT_URINGAUDIT;
	bool records = (c->audit && w->mediated) || (c->uringop && w->uringop);
	unsigned long before = counters->by_type[type], got;
	unsigned long all = counters->all;
	long lost_before = audit_lost(), lost_after;
	unsigned long long cs;
	uint64_t t;
	int ret;

	if (w->ring_flags >= 0)
		ring_init(w->ring_flags);
	/* Settle: let kauditd and the consumer finish earlier work. */
	usleep(20000);
	cs = context_switches();
	t = now_ns();
	ret = w->run(n);
	got = records ? drain(type, before, n) : 0;
	t = now_ns() - t;
	cs = context_switches() - cs;
	lost_after = audit_lost();
	if (w->ring_flags >= 0)
		io_uring_queue_exit(&ring);
	if (w->ring_flags > 0)
		wait_sqpoll_exit();
	if (ret)
		die("Failed to run \"%s\" under \"%s\": %s", w->name, c->name,
		    strerror(-ret));
	if (!records)
		got = counters->by_type[type] - before;
	printf("bench config=%s workload=%s rep=%d ops=%u ns=%llu ctxsw=%llu records=%lu lost=%ld all=%lu\n",
	       c->name, w->name, rep, n, (unsigned long long)t, cs, got,
	       lost_after - lost_before +
		       (long)(records && got < n ? n - got : 0),
	       counters->all - all);
	fflush(stdout);
}

static bool listed(const char *list, const char *name)
{
	size_t len = strlen(name);
	const char *p = list;

	if (!list)
		return true;
	while ((p = strstr(p, name))) {
		if ((p == list || p[-1] == ',') &&
		    (p[len] == ',' || p[len] == '\0'))
			return true;
		p += len;
	}
	return false;
}

static void setup_data(void)
{
	size_t size = (size_t)DATA_BLOCKS * BLOCK;
	char *block = malloc(size);

	if (!block)
		die("Failed to allocate \"data\": %s", strerror(ENOMEM));
	memset(block, 'u', size);
	if (mkdir(DATA_DIR, 0755) && errno != EEXIST)
		die("Failed to create \"" DATA_DIR "\": %s", strerror(errno));
	data_fd = open(DATA_FILE, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (data_fd < 0 || write(data_fd, block, size) != (ssize_t)size)
		die("Failed to write \"" DATA_FILE "\": %s", strerror(errno));
	free(block);
	/* tmpfs reads complete inline only on a non-blocking file. */
	data_nb_fd = open(DATA_FILE, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (data_nb_fd < 0)
		die("Failed to open \"" DATA_FILE "\": %s", strerror(errno));
	/* The file the writes overwrite, its blocks allocated once. */
	write_fd =
		open(WRITE_FILE, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (write_fd < 0 || ftruncate(write_fd, size) ||
	    fallocate(write_fd, 0, 0, size))
		die("Failed to create \"" WRITE_FILE "\": %s", strerror(errno));
	buffers = aligned_alloc(BLOCK, BATCH * BLOCK);
	if (!buffers)
		die("Failed to allocate \"buffers\": %s", strerror(ENOMEM));
	memset(buffers, 'w', BATCH * BLOCK);
	setup_rule_files();
}

/*
 * Timing starts once the guest runs on the TSC clocksource (about 1.5 s
 * after boot) and, before that, on a 4 ms jiffies clock.
 */
static const char *wait_for_tsc(void)
{
	static char name[32] = "unknown";
	int tries;

	for (tries = 0; tries < 100; tries++) {
		FILE *f = fopen(
			"/sys/devices/system/clocksource/clocksource0/current_clocksource",
			"r");

		if (f) {
			if (fgets(name, sizeof(name), f))
				name[strcspn(name, "\n")] = 0;
			fclose(f);
		}
		if (!strcmp(name, "tsc"))
			break;
		usleep(100000);
	}
	return name;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: uring-bench [-w WORKLOAD,...] [-c CONFIG,...] [-r REPS] [-s SCALE]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *wlist = NULL, *clist = NULL;
	char mediation[32];
	struct utsname uts;
	int opt, reps = 5, rep;
	size_t c, w;

	while ((opt = getopt(argc, argv, "w:c:r:s:")) != -1) {
		switch (opt) {
		case 'w':
			wlist = optarg;
			break;
		case 'c':
			clist = optarg;
			break;
		case 'r':
			reps = atoi(optarg);
			break;
		case 's':
			scale = atoi(optarg);
			break;
		default:
			usage();
		}
	}
	if (reps < 1 || scale < 1 || optind != argc)
		usage();

	active = access(SECFS "/policy", W_OK) == 0;
	setup_data();
	start_consumer();
	uname(&uts);
	status_value("mediation", mediation, sizeof(mediation), "none");
	printf("bench-meta uringaudit=%s mediation=%s kernel=%s clocksource=%s reps=%d scale=%u\n",
	       active ? "active" : "absent", mediation, uts.release,
	       wait_for_tsc(), reps, scale);

	/*
	 * Phase 1, the same in every boot: nothing loaded.  Phase 2: the
	 * configurations, interleaved; without uringaudit, only those that
	 * load no policy (the kernel's URINGOP rule).
	 */
	for (rep = 0; rep <= reps; rep++)
		for (w = 0; w < NR_WORKLOADS; w++)
			if (listed(wlist, workloads[w].name))
				measure(&configs[0], &workloads[w], rep);
	for (rep = 0; rep <= reps; rep++) {
		for (c = 1; c < NR_CONFIGS; c++) {
			const struct config *cf = &configs[c];

			if (!listed(clist, cf->name))
				continue;
			if (!active && !cf->uringop)
				continue;
			enter_config(cf, rep);
			for (w = 0; w < NR_WORKLOADS; w++) {
				const struct workload *wl = &workloads[w];

				if (!listed(wlist, wl->name))
					continue;
				if (!cf->all_workloads && !wl->mediated)
					continue;
				if (cf->uringop && !wl->uringop)
					continue;
				measure(cf, wl, rep);
			}
			leave_config(cf);
		}
	}
	kill(consumer, SIGKILL);
	waitpid(consumer, NULL, 0);
	return 0;
}
