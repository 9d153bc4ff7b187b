/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit-ctl - What the command groups share
 *
 * main.c parses the global options and runs a command; securityfs.c reads
 * and writes uringaudit's securityfs files; policy_cmds.c holds check,
 * load, apply, show and explain; state_cmds.c status, mode, lock and stats.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _URINGAUDIT_CTL_H
#define _URINGAUDIT_CTL_H

#include "kcompat.h"

#include <sys/types.h>

#include "policy.h"

/* Exit codes of every command; uringaudit-ctl(8) lists them. */
#define EXIT_FAIL 1
#define EXIT_USAGE 2

/* JSON as uringaudit-ctl writes it: one line, "/" unescaped. */
#define CTL_JSON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

extern const char *prog;

int usage_error(const char *fmt, const char *arg);
bool wants_help(int argc, char **argv);

/* securityfs.c: uringaudit's securityfs directory. */
#define DEFAULT_ROOT "/sys/kernel/security/uringaudit"
#define ROOT_ENV "URINGAUDIT_ROOT"

extern const char *root;

void hint(int err, const char *what);
const char *path_of(const char *name);
char *read_file(const char *path, size_t *lenp, int *errp, const char **verbp);
char *read_all(const char *path, size_t *lenp);
char *read_knob(const char *name);
int write_knob(const char *name, const char *text, size_t len);
bool is_locked(void);
int check_abi(const char *verb, const char *what);

/* policy_cmds.c */
struct uringaudit_policy *parse_policy(const char *file, const char *text,
				       size_t len);
int lookup_name(const char *const *names, int nr, const char *s);
int cmd_check(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_apply(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_explain(int argc, char **argv);

/* state_cmds.c */
int cmd_status(int argc, char **argv);
int cmd_mode(int argc, char **argv);
int cmd_lock(int argc, char **argv);
int cmd_stats(int argc, char **argv);

/* report.c, learn.c, watch.c: the log commands (logs.h) */
int cmd_report(int argc, char **argv);
int cmd_learn(int argc, char **argv);
int cmd_watch(int argc, char **argv);

#endif /* _URINGAUDIT_CTL_H */
