// SPDX-License-Identifier: GPL-2.0-only
/*
 * fail-writes - Run a command whose write(2) calls to files (fd 3 and up)
 * fail with a given errno, to test how a program reports kernel refusals.
 *
 * Usage: fail-writes ERRNO COMMAND [ARGS...]
 * Exit codes: those of COMMAND; 125 when the filter cannot be installed.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int err;

	if (argc < 3 || (err = atoi(argv[1])) <= 0 || err > 4095) {
		fprintf(stderr, "usage: fail-writes ERRNO COMMAND [ARGS...]\n");
		return 125;
	}
	{
		struct sock_filter filter[] = {
			BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				 offsetof(struct seccomp_data, arch)),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64,
				 1, 0),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
			BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				 offsetof(struct seccomp_data, nr)),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_write, 0, 3),
			BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				 offsetof(struct seccomp_data, args[0])),
			BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 3, 0, 1),
			BPF_STMT(BPF_RET | BPF_K,
				 SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA)),
			BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		};
		struct sock_fprog prog = {
			.len = sizeof(filter) / sizeof(filter[0]),
			.filter = filter,
		};

		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) {
			fprintf(stderr,
				"Failed to install \"seccomp filter\": %s\n",
				strerror(errno));
			return 125;
		}
	}
	execvp(argv[2], argv + 2);
	fprintf(stderr, "Failed to run \"%s\": %s\n", argv[2], strerror(errno));
	return 125;
}
