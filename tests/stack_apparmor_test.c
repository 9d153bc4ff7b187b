// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Beside AppArmor (its boot has lsm=...,uringaudit,apparmor):
 * the profile tests/stacking/apparmor/stack-victim confines
 * /tests/stack-victim; the tests are those of stack_tests.h.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "stack_tests.h"

#define APPARMORFS SECURITYFS "/apparmor"
/* The profile, compiled on the host by apparmor_parser. */
#define STACK_PROFILE "/tests/stack-victim.apparmor"

/* Load (or replace) the profile; it must then be enforced. */
static int apparmor_setup(void)
{
	char profiles[4096];
	int err = copy_whole(STACK_PROFILE, APPARMORFS "/.replace");

	if (err)
		return err;
	err = read_text(APPARMORFS "/profiles", profiles, sizeof(profiles));
	if (err < 0)
		return err;
	return strstr(profiles, "stack-victim (enforce)") ? 0 : -ENOENT;
}

static const struct stack_lsm stack_lsm = {
	.name = "apparmor",
	.setup = apparmor_setup,
	.granted = "apparmor=\"AUDIT\" operation=\"open\"",
	.denied = "apparmor=\"DENIED\" operation=\"open\"",
};

TEST_HARNESS_MAIN
