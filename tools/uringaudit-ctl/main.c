// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - Check, load and inspect uringaudit policy
 *
 * This file parses the global options and runs a command; ctl.h says
 * which file holds which group of commands.
 *
 * Exit codes: 0 success; 1 failure (invalid policy, refused by the kernel,
 * file errors); 2 usage error.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "ctl.h"

#include <getopt.h>

#ifndef URINGAUDIT_CTL_VERSION
#define URINGAUDIT_CTL_VERSION "0.1"
#endif

const char *prog = "uringaudit-ctl";

static const char usage_text[] =
	"Usage: uringaudit-ctl [--root DIR] COMMAND [ARGS]\n"
	"\n"
	"Check, load and inspect the uringaudit io_uring policy; read its records.\n"
	"\n"
	"Commands:\n"
	"  check FILE|-          validate a policy with the kernel's own parser\n"
	"  load FILE|-           check, then make it the active policy\n"
	"  apply FILE|-          load it unless it is the active policy already;\n"
	"                        prints \"loaded\" or \"unchanged\"\n"
	"  show                  print the active policy\n"
	"  status [--json]       is uringaudit active; mode, lock, policy\n"
	"  mode enforce|permissive\n"
	"                        switch the mode\n"
	"  lock [--yes]          freeze policy and mode until reboot\n"
	"  stats [--json] [--all]\n"
	"                        decision counters\n"
	"  explain OP [ctx=C] [uid=N] [gid=N] [auid=N] [exe=P] [path=P]\n"
	"          [--policy FILE]\n"
	"                        which rule decides such an op, and why\n"
	"  report [--since T] [--exe P] [--decision D] [--node N] [--json] ...\n"
	"                        what uringaudit's records in the audit logs say\n"
	"  learn [--default deny|audit] [--merge POLICY] [-o FILE|--per-node DIR] ...\n"
	"                        a policy from the records of a run\n"
	"  watch [--file LOG [--node N]] [--exe P] [--op LIST] [--decision D] [--json]\n"
	"                        uringaudit's records as they are written\n"
	"\n"
	"Options:\n"
	"  --root DIR            uringaudit's securityfs directory\n"
	"                        (default " DEFAULT_ROOT ",\n"
	"                        or $" ROOT_ENV ")\n"
	"  -h, --help            this help; COMMAND --help for a command's\n"
	"  -V, --version         the version\n"
	"\n"
	"Example:\n"
	"  uringaudit-ctl check /etc/uringaudit/policy && \\\n"
	"      uringaudit-ctl load /etc/uringaudit/policy\n"
	"\n"
	"Exit codes: 0 success, 1 failure, 2 usage error; report and learn:\n"
	"3 no uringaudit record, 4 damaged log lines or records of another\n"
	"uringaudit ABI (ignored), 5 a --node without records.\n"
	"See uringaudit-ctl(8), uringaudit-ctl-report(8), uringaudit-ctl-learn(8),\n"
	"uringaudit-ctl-watch(8) and uringaudit.policy(5).\n";

int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", prog);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry \"%s --help\".\n", prog);
	return EXIT_USAGE;
}

bool wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "check", cmd_check },	    { "load", cmd_load },
	{ "apply", cmd_apply },	    { "show", cmd_show },
	{ "status", cmd_status },   { "mode", cmd_mode },
	{ "lock", cmd_lock },	    { "stats", cmd_stats },
	{ "explain", cmd_explain }, { "report", cmd_report },
	{ "learn", cmd_learn },	    { "watch", cmd_watch },
};

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{},
	};
	const char *env = getenv(ROOT_ENV);
	size_t i;
	int c;

	if (env && *env)
		root = env;
	/* Options before the command only: the command parses the rest. */
	while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			root = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case 'V':
			printf("uringaudit-ctl %s (ABI %d)\n",
			       URINGAUDIT_CTL_VERSION, URINGAUDIT_CTL_ABI);
			return 0;
		default:
			fprintf(stderr, "Try \"%s --help\".\n", prog);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return usage_error("expected a command%s", "");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[optind], commands[i].name))
			return commands[i].fn(argc - optind, argv + optind);
	return usage_error("unknown command \"%s\"", argv[optind]);
}
