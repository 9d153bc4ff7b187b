// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Security framework setup
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/init.h>
#include <linux/io_uring.h>
#include <linux/lsm_hooks.h>
#include <uapi/linux/lsm.h>

#include "active.h"
#include "cache.h"
#include "common.h"
#include "hooks.h"
#include "issue.h"
#include "policy.h"
#include "setup.h"
#include "task.h"

bool uringaudit_initialized __ro_after_init;

/*
 * Each area of uringaudit adds the size of its own blobs here; the LSM
 * framework replaces every size with the offset of our part of the blob.
 */
struct lsm_blob_sizes uringaudit_blob_sizes __ro_after_init = {
	.lbs_task = sizeof(struct uringaudit_task),
	.lbs_file = sizeof(struct uringaudit_file),
};

const struct lsm_id uringaudit_lsmid = {
	.name = URINGAUDIT_NAME,
	.id = LSM_ID_URINGAUDIT,
};

/* A task's blob: what the origin tags and the issues hold. */
static void hook_task_free(struct task_struct *task)
{
	struct uringaudit_task *const blob = uringaudit_task(task);

	uringaudit_frame_free(blob->frame);
	blob->frame = NULL;
	uringaudit_task_release(task);
}

static struct security_hook_list uringaudit_setup_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_free, hook_task_free),
};

static int __init uringaudit_init(void)
{
	int err;

	/* The opcode table is the kernel's. */
	BUILD_BUG_ON(URINGAUDIT_NR_OPCODES != IORING_OP_LAST);
	security_add_hooks(uringaudit_setup_hooks,
			   ARRAY_SIZE(uringaudit_setup_hooks),
			   &uringaudit_lsmid);
	uringaudit_add_task_hooks();
	uringaudit_add_op_hooks();
	uringaudit_add_issue_hooks();
	err = uringaudit_load_boot_default();
	if (err)
		pr_err("Failed to load the boot policy: %d\n", err);
	uringaudit_initialized = true;
	pr_info("Up and running (%s mode).\n",
		uringaudit_precise() ? "precise" : "compat");
	return 0;
}

DEFINE_LSM(uringaudit) = {
	.name = URINGAUDIT_NAME,
	.init = uringaudit_init,
	.blobs = &uringaudit_blob_sizes,
};
