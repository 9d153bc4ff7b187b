// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - watch: uringaudit's records as they are written
 *
 * Every audit record reaches the netlink multicast group
 * AUDIT_NLGRP_READLOG (whether auditd runs or not; joining needs
 * CAP_AUDIT_READ).  Each record is fed to auparse as auditd would write
 * it, so that events are grouped as in a log, and each uringaudit record
 * that passes the filters is printed on one line.  With --file, a log is
 * followed instead, as it grows and is rotated: a collecting auditd's,
 * whose records carry node= (--node).
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "logs.h"

#include <fcntl.h>
#include <linux/netlink.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

/* How long a record without EOE may wait for the rest of its event. */
#define AGE_MS 1000

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	stop = sig;
}

struct watch {
	struct ua_opts o;
	bool json;
	unsigned long count, max;
	int ret;
};

static const char watch_help[] =
	"Usage: %s watch [--file LOG [--node NAME]...] [--exe PATH]... [--op LIST]\n"
	"       [--decision audit|deny] [--since TIME] [--until TIME] [--count N]\n"
	"       [--json]\n"
	"\n"
	"Print uringaudit's records as the kernel writes them, one line each:\n"
	"time, [node,] executable[pid], op and context, object, decision.  Reads\n"
	"the audit netlink multicast group (needs CAP_AUDIT_READ), with or\n"
	"without auditd; with --file, follows LOG as auditd writes it (a\n"
	"collecting auditd's log: --node).  Stops on SIGINT or SIGTERM, or\n"
	"after N records.\n"
	"\n"
	"  -f, --file LOG   follow LOG from its end, across rotations\n"
	"  --node NAME      records of this node (node=, with --file); repeatable\n"
	"  --exe, --op, --decision, --since, --until: as for report\n"
	"  --count N        stop after N records\n"
	"  --json           one JSON object per record, as report --json\n"
	"\n"
	"Exit codes: 0 stopped (signal or --count), 1 the group or LOG cannot\n"
	"be joined or read, 2 usage error.\n"
	"See uringaudit-ctl-watch(8).\n";

static int print_record(const struct ua_record *r, const struct ua_subject *s,
			void *arg)
{
	char when[64], exe[4200], object[4200], safe[4200];
	struct watch *w = arg;

	if (w->json) {
		struct json_object *j = ua_record_json(r);

		puts(json_object_to_json_string_ext(j, CTL_JSON_FLAGS));
		json_object_put(j);
	} else {
		/* The opcode, where the kernel records one unlike the op. */
		bool other = s->opcode && strcmp(s->opcode, s->op);

		ua_format_time(r->ms, when, sizeof(when), true);
		ua_object(s, object, sizeof(object));
		printf("%s ", when);
		if (r->node)
			printf("%s ", ua_safe(r->node, safe, sizeof(safe)));
		printf("%s[%lld] %s%s%s %s %s %s%s\n",
		       ua_safe(s->exe, exe, sizeof(exe)), s->pid, s->op,
		       other ? "/" : "", other ? s->opcode : "", s->ctx,
		       ua_safe(object, safe, sizeof(safe)), s->decision,
		       s->permissive ? " (permissive)" : "");
	}
	fflush(stdout);
	return w->max && ++w->count >= w->max;
}

static void on_event(auparse_state_t *au, auparse_cb_event_t type, void *arg)
{
	struct watch *w = arg;

	if (type != AUPARSE_CB_EVENT_READY || stop)
		return;
	if (ua_event_records(au, &w->o, print_record, w))
		stop = -1;
}

/* Feed the netlink messages of @buf to auparse, as log lines. */
static void feed(auparse_state_t *au, const char *buf, int len)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;
	char line[MAX_AUDIT_MESSAGE_LENGTH + 64];
	const char *name, *text;
	size_t n;
	int l;

	/* len goes below 0 past the last message: keep it signed. */
	for (; NLMSG_OK(nlh, len) && !stop; nlh = NLMSG_NEXT(nlh, len)) {
		text = NLMSG_DATA(nlh);
		n = nlh->nlmsg_len - NLMSG_HDRLEN;
		while (n && (text[n - 1] == '\0' || text[n - 1] == '\n'))
			n--;
		name = audit_msg_type_to_name(nlh->nlmsg_type);
		if (name)
			l = snprintf(line, sizeof(line), "type=%s msg=%.*s\n",
				     name, (int)n, text);
		else
			l = snprintf(line, sizeof(line),
				     "type=UNKNOWN[%d] msg=%.*s\n",
				     nlh->nlmsg_type, (int)n, text);
		if (l > 0 && (size_t)l < sizeof(line))
			auparse_feed(au, line, l);
	}
}

/* Join the multicast group; the socket, or -1 after saying why. */
static int join(void)
{
	struct sockaddr_nl addr = {
		.nl_family = AF_NETLINK,
		.nl_groups = 1 << (AUDIT_NLGRP_READLOG - 1),
	};
	int fd, err, size = 4 << 20;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (fd >= 0) {
		if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size,
			       sizeof(size)))
			setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size,
				   sizeof(size));
		if (!bind(fd, (struct sockaddr *)&addr, sizeof(addr)))
			return fd;
	}
	err = errno;
	if (fd >= 0)
		close(fd);
	fprintf(stderr,
		"Failed to join \"the audit multicast group (AUDIT_NLGRP_READLOG)\": %s\n",
		strerror(err));
	if (err == EPERM || err == EACCES)
		fprintf(stderr,
			"Hint: reading audit records as they come needs CAP_AUDIT_READ: run as root.\n");
	else if (err == EPROTONOSUPPORT || err == ECONNREFUSED)
		fprintf(stderr,
			"Hint: this kernel has no audit (CONFIG_AUDIT); report reads logs instead.\n");
	return -1;
}

/* Say so when audit is off: records then go to the kernel log. */
static void warn_if_off(void)
{
	int afd = audit_open(), on;

	if (afd < 0)
		return;
	on = audit_is_enabled(afd);
	audit_close(afd);
	if (!on)
		fprintf(stderr,
			"Warning: audit is off (auditctl -e 1 turns it on): uringaudit's records go to the kernel log, not here.\n");
}

static int watch_opt(int c, const char *arg, void *ctx)
{
	struct watch *w = ctx;

	switch (c) {
	case 'j':
		w->json = true;
		return 0;
	case 'n':
		return ua_number("watch", "--count", arg, &w->max);
	default:
		return ua_usage("watch", "unknown option \"%s\"", arg ?: "?");
	}
}

/* Read the group until a signal or --count; 0 or EXIT_FAIL. */
static int watch_loop(int fd, auparse_state_t *au)
{
	static char buf[MAX_AUDIT_MESSAGE_LENGTH * 4];
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t len;
	int n, err = 0;

	while (!stop && !err) {
		n = poll(&pfd, 1, AGE_MS);
		if (n == 0)
			auparse_feed_age_events(au);
		if (n <= 0) {
			err = n < 0 && errno != EINTR ? errno : 0;
			continue;
		}
		len = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (len >= 0)
			feed(au, buf, (int)len);
		else if (errno == ENOBUFS)
			fprintf(stderr,
				"Warning: records came faster than they were read; some were dropped.\n");
		else if (errno != EINTR && errno != EAGAIN)
			err = errno;
	}
	if (!err)
		return 0;
	fprintf(stderr, "Failed to read \"the audit multicast group\": %s\n",
		strerror(err));
	return EXIT_FAIL;
}

/*
 * Follow log @path from its end until a signal or --count: what is
 * appended goes to auparse; when the file is replaced (rotated) or
 * truncated, the new one is read from its start.  0 or EXIT_FAIL.
 */
static int follow_loop(const char *path, auparse_state_t *au)
{
	static char buf[65536];
	struct stat st, now;
	off_t pos;
	ssize_t n;
	int fd, idle = 0, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) || lseek(fd, 0, SEEK_END) < 0) {
		err = errno;
		goto fail;
	}
	pos = st.st_size;
	while (!stop) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			break;
		}
		if (n > 0) {
			auparse_feed(au, buf, n);
			pos += n;
			idle = 0;
			continue;
		}
		if (++idle % 5 == 0)
			auparse_feed_age_events(au);
		poll(NULL, 0, 200);
		if (stat(path, &now))
			continue; /* between a rotation's rename and create */
		if (now.st_ino == st.st_ino && now.st_dev == st.st_dev &&
		    now.st_size >= pos)
			continue;
		/* Rotated or truncated: what is left of the old one first. */
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			auparse_feed(au, buf, n);
		close(fd);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &st)) {
			err = errno;
			break;
		}
		pos = 0;
	}
	if (fd >= 0)
		close(fd);
	if (!err)
		return 0;
fail:
	fprintf(stderr, "Failed to follow \"%s\": %s\n", path, strerror(err));
	if (err == EACCES)
		fprintf(stderr,
			"Hint: auditd's logs are readable by root (or its log_group) only.\n");
	return EXIT_FAIL;
}

int cmd_watch(int argc, char **argv)
{
	static const struct option opts[] = {
		UA_LONG_OPTIONS,
		{ "json", no_argument, NULL, 'j' },
		{ "count", required_argument, NULL, 'n' },
		{},
	};
	struct sigaction sa = { .sa_handler = on_signal };
	struct watch w = {};
	auparse_state_t *au;
	int fd, ret;

	if (wants_help(argc, argv)) {
		printf(watch_help, prog);
		return 0;
	}
	ret = ua_getopt(argc, argv, "", opts, &w.o, watch_opt, &w);
	if (ret)
		return ret;
	if (w.o.nfiles > 1 || (w.o.nfiles && !strcmp(w.o.files[0], "-")))
		return ua_usage("watch", "%s",
				"--file follows one log, a file");
	if (w.o.nnodes && !w.o.nfiles)
		return ua_usage(
			"watch", "%s",
			"--node needs --file: the kernel's records have no node= (auditd adds it)");
	fd = -1;
	if (!w.o.nfiles) {
		fd = join();
		if (fd < 0)
			return EXIT_FAIL;
		warn_if_off();
	} else if (access(w.o.files[0], R_OK)) {
		fprintf(stderr, "Failed to follow \"%s\": %s\n", w.o.files[0],
			strerror(errno));
		return EXIT_FAIL;
	}
	au = auparse_init(AUSOURCE_FEED, NULL);
	if (!au) {
		fprintf(stderr, "Failed to start \"auparse\": %s\n",
			strerror(errno));
		if (fd >= 0)
			close(fd);
		return EXIT_FAIL;
	}
	auparse_set_escape_mode(au, AUPARSE_ESC_RAW);
	auparse_add_callback(au, on_event, &w, NULL);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (w.o.nfiles)
		fprintf(stderr,
			"Watching uringaudit's records in \"%s\"; Ctrl-C stops.\n",
			w.o.files[0]);
	else
		fprintf(stderr,
			"Watching uringaudit's records; Ctrl-C stops.\n");
	ret = fd >= 0 ? watch_loop(fd, au) : follow_loop(w.o.files[0], au);
	if (stop != -1) {
		/* Records of events still open, as they are. */
		stop = 0;
		auparse_flush_feed(au);
	}
	auparse_destroy(au);
	if (fd >= 0)
		close(fd);
	return ret;
}
