// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - watch: uringaudit's records as they are written
 *
 * Every audit record reaches the netlink multicast group
 * AUDIT_NLGRP_READLOG (whether auditd runs or not; joining needs
 * CAP_AUDIT_READ).  Each record is fed to auparse as auditd would write
 * it, so that events are grouped as in a log, and each uringaudit record
 * that passes the filters is printed on one line.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "logs.h"

#include <linux/netlink.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
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
	"Usage: %s watch [--exe PATH]... [--op LIST] [--decision audit|deny]\n"
	"       [--since TIME] [--until TIME] [--count N] [--json]\n"
	"\n"
	"Print uringaudit's records as the kernel writes them, one line each:\n"
	"time, executable[pid], op and context, object, decision.  Reads the\n"
	"audit netlink multicast group (needs CAP_AUDIT_READ), with or without\n"
	"auditd.  Stops on SIGINT or SIGTERM, or after N records.\n"
	"\n"
	"  --exe, --op, --decision, --since, --until: as for report\n"
	"  --count N        stop after N records\n"
	"  --json           one JSON object per record, as report --json\n"
	"\n"
	"Exit codes: 0 stopped (signal or --count), 1 the group cannot be\n"
	"joined or read, 2 usage error.\n"
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
		printf("%s %s[%lld] %s%s%s %s %s %s%s\n", when,
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
	if (w.o.nfiles)
		return ua_usage(
			"watch", "%s",
			"--file does not apply: watch reads records as they come");
	fd = join();
	if (fd < 0)
		return EXIT_FAIL;
	warn_if_off();
	au = auparse_init(AUSOURCE_FEED, NULL);
	if (!au) {
		fprintf(stderr, "Failed to start \"auparse\": %s\n",
			strerror(errno));
		close(fd);
		return EXIT_FAIL;
	}
	auparse_set_escape_mode(au, AUPARSE_ESC_RAW);
	auparse_add_callback(au, on_event, &w, NULL);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	fprintf(stderr, "Watching uringaudit's records; Ctrl-C stops.\n");
	ret = watch_loop(fd, au);
	if (stop != -1) {
		/* Records of events still open, as they are. */
		stop = 0;
		auparse_flush_feed(au);
	}
	auparse_destroy(au);
	close(fd);
	return ret;
}
