/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Helpers of the stacking tests: uringaudit beside AppArmor
 * or SELinux, both deciding the ops of /tests/stack-victim.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _URINGAUDIT_TESTS_STACK_H
#define _URINGAUDIT_TESTS_STACK_H

#include <linux/audit.h>
#include <linux/uringaudit.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "audit.h"
#include "common.h"

/* The program both modules decide, and the files it opens. */
#define STACK_VICTIM "/tests/stack-victim"
#define STACK_DIR "/tmp/stack"
/* Exit code of the victim when it could not run the op at all. */
#define STACK_VICTIM_USAGE 100

/* lsm_active() - Whether /sys/kernel/security/lsm lists @name. */
static inline bool lsm_active(const char *name)
{
	char list[256];

	if (read_text(SECURITYFS "/lsm", list, sizeof(list)) < 0)
		return false;
	return list_has(list, name);
}

/*
 * copy_whole() - Write the file @src to @dst in one write(2), as policy
 * loaders must.
 * Return: 0, or -errno.
 */
static inline int copy_whole(const char *src, const char *dst)
{
	static char buf[1 << 20];
	ssize_t len = read_text(src, buf, sizeof(buf));

	return len < 0 ? len : write_bytes(dst, buf, len);
}

/*
 * run_victim() - Run @prog (STACK_VICTIM, or a copy) to open @path in
 * @ctx, and wait for it; its process ID goes to @pid.
 * Return: 0 it opened the file, -errno of its completion, or
 * -ECHILD when it did not run the op.
 */
static inline int run_victim(const char *prog, const char *ctx,
			     const char *path, pid_t *pid)
{
	int status;

	*pid = fork();
	if (*pid < 0)
		return -errno;
	if (*pid == 0) {
		execl(prog, prog, ctx, path, (char *)NULL);
		_exit(STACK_VICTIM_USAGE);
	}
	if (waitpid(*pid, &status, 0) != *pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) >= STACK_VICTIM_USAGE)
		return -ECHILD;
	return -WEXITSTATUS(status);
}

/* The records of one op of the victim: uringaudit's and the other LSM's. */
struct stack_records {
	struct audit_record ua;
	struct audit_record avc;
	bool has_ua;
	bool has_avc;
};

/*
 * stack_collect() - Read records for AUDIT_WAIT_MS, or until both are
 * there: uringaudit's of an open by process @pid in @ctx, and an AVC
 * record (type AUDIT_AVC, as AppArmor and SELinux write) of @pid that
 * holds @avc_text; only uringaudit's when @avc_text is NULL.
 */
static inline void stack_collect(int fd, pid_t pid, const char *ctx,
				 const char *avc_text,
				 struct stack_records *out)
{
	long deadline = now_ms() + AUDIT_WAIT_MS;
	struct audit_record rec;
	char pidstr[16];

	snprintf(pidstr, sizeof(pidstr), "%d", pid);
	out->has_ua = out->has_avc = false;
	while (!(out->has_ua && (out->has_avc || !avc_text)) &&
	       !audit_next(fd, &rec, deadline)) {
		if (!out->has_ua && rec.type == AUDIT_URINGAUDIT &&
		    field_is(rec.text, "op", "open") &&
		    field_is(rec.text, "ctx", ctx) &&
		    field_is(rec.text, "origin_pid", pidstr)) {
			out->ua = rec;
			out->has_ua = true;
		} else if (avc_text && !out->has_avc && rec.type == AUDIT_AVC &&
			   field_is(rec.text, "pid", pidstr) &&
			   strstr(rec.text, avc_text)) {
			out->avc = rec;
			out->has_avc = true;
		}
	}
}

#endif /* _URINGAUDIT_TESTS_STACK_H */
