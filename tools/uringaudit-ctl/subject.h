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
 * @s: What the matcher compares rules with.
 * @keys: Identities of the object and its directories (@s.obj).
 * @path: The object's path, as given.
 * @unix_path: Room for a unix socket address.
 */
struct ctl_subject {
	struct uringaudit_subject s;
	struct uringaudit_key keys[256];
	char path[4096];
	char unix_path[128];
};

void ctl_subject_init(struct ctl_subject *cs, u32 op, u32 opcode);
int ctl_subject_set(struct ctl_subject *cs, const char *arg);
void ctl_policy_resolve(struct uringaudit_policy *pol);

#endif /* _URINGAUDIT_CTL_SUBJECT_H */
