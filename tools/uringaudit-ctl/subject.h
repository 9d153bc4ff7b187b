/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit-ctl - Ops described on the command line, and policies
 * resolved as the kernel resolves them
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _URINGAUDIT_CTL_SUBJECT_H
#define _URINGAUDIT_CTL_SUBJECT_H

#include "policy.h"

/**
 * struct ctl_subject - An op as explain and learn describe it
 * @s: What the matcher compares rules with; its strings point to the
 *	caller's.
 * @keys: Identities of the object and its directories (@s.obj).
 * @unix_path: Room for a unix socket address.
 * @exe: The program's path, as given; NULL when not.
 * @name: The object's name in its directory.
 */
struct ctl_subject {
	struct uringaudit_subject s;
	const char *exe;
	struct uringaudit_key keys[64];
	char unix_path[112];
	char name[256];
};

void ctl_subject_init(struct ctl_subject *cs, u32 op, u32 opcode);
int ctl_subject_set(struct ctl_subject *cs, const char *arg);
void ctl_subject_names(struct ctl_subject *cs, const char *exe,
		       const char *path);
void ctl_policy_resolve(struct uringaudit_policy *pol, bool by_name);

#endif /* _URINGAUDIT_CTL_SUBJECT_H */
