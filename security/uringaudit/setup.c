// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Security framework setup
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/init.h>
#include <linux/lsm_hooks.h>
#include <uapi/linux/lsm.h>

#include "active.h"
#include "common.h"
#include "hooks.h"
#include "origin.h"
#include "setup.h"

bool uringaudit_initialized __ro_after_init;

/*
 * Each area of uringaudit adds the size of its own blobs here; the LSM
 * framework replaces every size with the offset of our part of the blob.
 */
struct lsm_blob_sizes uringaudit_blob_sizes __ro_after_init = {
	.lbs_task = sizeof(struct uringaudit_task),
};

const struct lsm_id uringaudit_lsmid = {
	.name = URINGAUDIT_NAME,
	.id = LSM_ID_URINGAUDIT,
};

static int __init uringaudit_init(void)
{
	uringaudit_add_task_hooks();
	uringaudit_add_op_hooks();
	uringaudit_load_boot_default();
	uringaudit_initialized = true;
	pr_info("Up and running.\n");
	return 0;
}

DEFINE_LSM(uringaudit) = {
	.name = URINGAUDIT_NAME,
	.init = uringaudit_init,
	.blobs = &uringaudit_blob_sizes,
};
