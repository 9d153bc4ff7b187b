// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - The options of the log commands: files, times, filters
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "logs.h"

#include <ctype.h>

/* A usage error of log command @cmd: the message, a hint; EXIT_USAGE. */
int ua_usage(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "Failed to run \"%s\": ", cmd);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry \"%s %s --help\".\n", prog, cmd);
	return EXIT_USAGE;
}

void ua_opts_init(struct ua_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->since = TIME_MIN;
	o->until = TIME_MAX;
}

/* Local midnight of the day @days from today. */
static long long midnight(int days)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	tm.tm_hour = 0;
	tm.tm_min = 0;
	tm.tm_sec = 0;
	tm.tm_mday += days;
	tm.tm_isdst = -1;
	return (long long)mktime(&tm) * 1000;
}

/* When the system booted, from /proc/stat. */
static int boot_time(long long *ms)
{
	FILE *f = fopen("/proc/stat", "re");
	char line[256];
	long long btime;
	int ret = -1;

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "btime %lld", &btime) == 1) {
			*ms = btime * 1000;
			ret = 0;
			break;
		}
	if (f)
		fclose(f);
	return ret;
}

/**
 * ua_parse_time() - A time of --since or --until
 * @s: ``@SECONDS[.FRACTION]`` since the epoch; ``YYYY-MM-DD``,
 *	``YYYY-MM-DD HH:MM[:SS]`` or with a ``T``, local time; ``HH:MM[:SS]``
 *	today; ``now``, ``recent`` (10 minutes ago), ``today``, ``yesterday``,
 *	``boot``.
 * @ms: The time, in milliseconds since the epoch.
 *
 * Return: 0, or -1 when @s is none of these.
 */
int ua_parse_time(const char *s, long long *ms)
{
	static const char *const formats[] = {
		"%Y-%m-%dT%H:%M:%S",
		"%Y-%m-%d %H:%M:%S",
		"%Y-%m-%dT%H:%M",
		"%Y-%m-%d %H:%M",
		"%Y-%m-%d",
		"%H:%M:%S",
		"%H:%M",
	};
	time_t now = time(NULL);
	struct tm tm;
	size_t i;
	char *end;

	if (*s == '@' && isdigit((unsigned char)s[1])) {
		double d;

		errno = 0;
		d = strtod(s + 1, &end);
		if (errno || *end)
			return -1;
		*ms = (long long)(d * 1000 + 0.5);
		return 0;
	}
	if (!strcmp(s, "now") || !strcmp(s, "recent")) {
		*ms = ((long long)now - (s[0] == 'r' ? 600 : 0)) * 1000;
		return 0;
	}
	if (!strcmp(s, "today") || !strcmp(s, "yesterday")) {
		*ms = midnight(s[0] == 't' ? 0 : -1);
		return 0;
	}
	if (!strcmp(s, "boot"))
		return boot_time(ms);
	for (i = 0; i < ARRAY_SIZE(formats); i++) {
		localtime_r(&now, &tm);
		tm.tm_sec = 0;
		end = strptime(s, formats[i], &tm);
		if (!end || *end)
			continue;
		tm.tm_isdst = -1;
		*ms = (long long)mktime(&tm) * 1000;
		return 0;
	}
	return -1;
}

/* The number of option @opt of command @cmd; 0, or EXIT_USAGE. */
int ua_number(const char *cmd, const char *opt, const char *arg,
	      unsigned long *out)
{
	char msg[64], *end;

	errno = 0;
	*out = strtoul(arg, &end, 10);
	if (!errno && *arg && *arg != '-' && !*end)
		return 0;
	snprintf(msg, sizeof(msg), "%s expects a number, not \"%%s\"", opt);
	return ua_usage(cmd, msg, arg);
}

/* A list of words of [a-z0-9_], comma-separated. */
static bool word_list(const char *s)
{
	const char *p;

	for (p = s; *p; p++)
		if (!islower((unsigned char)*p) &&
		    !isdigit((unsigned char)*p) && *p != '_' && *p != ',')
			return false;
	return *s && *s != ',' && p[-1] != ',' && !strstr(s, ",,");
}

/**
 * ua_opt() - Take one of the options every log command takes
 * @o: The options so far.
 * @cmd: The command, for messages.
 * @c: The option, as getopt_long() returned it.
 * @arg: Its argument.
 *
 * Return: 0 when taken, -1 when @c is not one of them, %EXIT_USAGE after
 * saying what is wrong with @arg.
 */
int ua_opt(struct ua_opts *o, const char *cmd, int c, const char *arg)
{
	const char *p;
	size_t n;

	switch (c) {
	case UA_OPT_FILE:
		if (o->nfiles == ARRAY_SIZE(o->files))
			return ua_usage(cmd, "too many files at \"%s\"", arg);
		o->files[o->nfiles++] = arg;
		return 0;
	case UA_OPT_SINCE:
	case UA_OPT_UNTIL:
		if (ua_parse_time(arg,
				  c == UA_OPT_SINCE ? &o->since : &o->until))
			return ua_usage(
				cmd,
				"expected a time (@SECONDS, YYYY-MM-DD [HH:MM:SS], HH:MM:SS, today, recent, boot), not \"%s\"",
				arg);
		return 0;
	case UA_OPT_EXE:
		if (o->nexes == ARRAY_SIZE(o->exes))
			return ua_usage(cmd, "too many executables at \"%s\"",
					arg);
		o->exes[o->nexes++] = arg;
		return 0;
	case UA_OPT_NODE:
		if (!*arg || strpbrk(arg, " \t\n\"="))
			return ua_usage(
				cmd,
				"expected a node name (node= of a record), not \"%s\"",
				arg);
		if (o->nnodes == ARRAY_SIZE(o->nodes))
			return ua_usage(cmd, "too many nodes at \"%s\"", arg);
		o->nodes[o->nnodes++] = arg;
		return 0;
	case UA_OPT_OP:
		if (!word_list(arg))
			return ua_usage(
				cmd,
				"expected op classes, events or opcodes, comma-separated, not \"%s\"",
				arg);
		o->ops = arg;
		return 0;
	case UA_OPT_DECISION:
		for (p = arg; word_list(arg) && *p; p += n + !!p[n]) {
			n = strcspn(p, ",");
			if ((n != 5 || strncmp(p, "audit", 5)) &&
			    (n != 4 || strncmp(p, "deny", 4)))
				break;
		}
		if (!word_list(arg) || *p)
			return ua_usage(
				cmd,
				"expected audit or deny (or audit,deny), not \"%s\"",
				arg);
		o->decisions = arg;
		return 0;
	default:
		return -1;
	}
}

/* Whether the comma-separated @list names @word. */
static bool in_list(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = list; *p; p += strcspn(p, ","), p += !!*p)
		if (strcspn(p, ",") == n && !strncmp(p, word, n))
			return true;
	return false;
}

/* Whether an item of the comma-separated @words is in @list. */
static bool any_in_list(const char *list, const char *words)
{
	char word[64];
	size_t n;

	for (; *words; words += n + !!words[n]) {
		n = strcspn(words, ",");
		if (n >= sizeof(word))
			continue;
		memcpy(word, words, n);
		word[n] = '\0';
		if (in_list(list, word))
			return true;
	}
	return false;
}

/* Whether a record passes the filters of @o. */
bool ua_wanted(const struct ua_opts *o, const struct ua_record *r,
	       const struct ua_subject *s)
{
	unsigned int i;

	if (r->ms < o->since || r->ms > o->until)
		return false;
	if (o->ops && !any_in_list(o->ops, s->op) &&
	    !(s->opcode && in_list(o->ops, s->opcode)))
		return false;
	if (o->decisions && !in_list(o->decisions, s->decision))
		return false;
	if (o->nnodes) {
		for (i = 0; i < o->nnodes; i++)
			if (r->node && !strcmp(r->node, o->nodes[i]))
				break;
		if (i == o->nnodes)
			return false;
	}
	if (!o->nexes)
		return true;
	for (i = 0; i < o->nexes; i++)
		if (s->exe && !strcmp(s->exe, o->exes[i]))
			return true;
	return false;
}

/* Local time, "YYYY-MM-DD HH:MM:SS", with ".mmm" if @millis. */
void ua_format_time(long long ms, char *buf, size_t size, bool millis)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	size_t n;

	localtime_r(&t, &tm);
	n = strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
	if (millis && n)
		snprintf(buf + n, size - n, ".%03lld", ms % 1000);
}

/* ISO 8601 time in UTC, with milliseconds. */
void ua_iso_time(long long ms, char *buf, size_t size)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	size_t n;

	gmtime_r(&t, &tm);
	n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	if (n)
		snprintf(buf + n, size - n, ".%03lldZ", ms % 1000);
}

/**
 * ua_getopt() - Parse a log command's options
 * @argc: Its argument count; @argv[0] is the command.
 * @argv: Its arguments.
 * @shortopts: Its short options, for getopt_long(), after ":f:".
 * @opts: Its getopt_long() table, with %UA_LONG_OPTIONS.
 * @o: Where the shared options go.
 * @own: Takes the command's own options: 0, or %EXIT_USAGE after saying
 *	why not.
 * @ctx: Passed to @own.
 *
 * The command takes no operand.
 *
 * Return: 0, or %EXIT_USAGE after saying why.
 */
int ua_getopt(int argc, char **argv, const char *shortopts,
	      const struct option *opts, struct ua_opts *o,
	      int (*own)(int c, const char *arg, void *ctx), void *ctx)
{
	const char *cmd = argv[0];
	char optstring[32];
	int c, ret;

	ua_opts_init(o);
	opterr = 0;
	optind = 0;
	snprintf(optstring, sizeof(optstring), ":f:%s", shortopts);
	while ((c = getopt_long(argc, argv, optstring, opts, NULL)) != -1) {
		if (c == '?')
			return ua_usage(cmd, "unknown option \"%s\"",
					argv[optind - 1]);
		if (c == ':')
			return ua_usage(cmd, "option \"%s\" needs a value",
					argv[optind - 1]);
		ret = ua_opt(o, cmd, c, optarg);
		if (ret < 0)
			ret = own(c, optarg, ctx);
		if (ret)
			return ret;
	}
	if (optind < argc)
		return ua_usage(cmd, "unexpected argument \"%s\"",
				argv[optind]);
	if (o->since > o->until)
		return ua_usage(cmd, "%s", "--since is after --until");
	return 0;
}
