// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Beside SELinux (its boot has lsm=...,uringaudit,selinux),
 * enforcing the policy tests/stacking/selinux/policy.conf, in which
 * nothing may open a secret_t file and opens of audited_t files are
 * audited; the tests are those of stack_tests.h.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <sys/mount.h>
#include <sys/xattr.h>

#include "stack_tests.h"

#define SELINUXFS "/sys/fs/selinux"
/* The policy, compiled on the host by checkpolicy. */
#define STACK_POLICY "/tests/selinux.policy"

static int label(const char *name, const char *context)
{
	char path[64];

	snprintf(path, sizeof(path), "%s/%s", STACK_DIR, name);
	if (setxattr(path, "security.selinux", context, strlen(context) + 1, 0))
		return -errno;
	return 0;
}

/*
 * Load the policy and enforce it, once a boot: a policy cannot be
 * unloaded.  Then label the files it names.
 */
static int selinux_setup(void)
{
	char enforce[8];
	int err;

	if (read_text(SELINUXFS "/enforce", enforce, sizeof(enforce)) < 0) {
		if (mount("selinuxfs", SELINUXFS, "selinuxfs", 0, NULL))
			return -errno;
		err = read_text(SELINUXFS "/enforce", enforce, sizeof(enforce));
		if (err < 0)
			return err;
	}
	if (strcmp(enforce, "1")) {
		err = copy_whole(STACK_POLICY, SELINUXFS "/load");
		if (!err)
			err = write_file(SELINUXFS "/enforce", "1");
		if (err)
			return err;
	}
	err = label("secret", "system_u:object_r:secret_t");
	return err ?: label("audited", "system_u:object_r:audited_t");
}

static const struct stack_lsm stack_lsm = {
	.name = "selinux",
	.setup = selinux_setup,
	.granted = "avc:  granted  { open }",
	.denied = "avc:  denied  { open }",
};

TEST_HARNESS_MAIN
