// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - securityfs interface
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/security.h>
#include <uapi/linux/uringaudit.h>

#include "common.h"
#include "setup.h"

static ssize_t abi_version_read(struct file *file, char __user *buf,
				size_t count, loff_t *ppos)
{
	char tmp[16];
	int len;

	len = scnprintf(tmp, sizeof(tmp), "%d\n", URINGAUDIT_ABI_VERSION);
	return simple_read_from_buffer(buf, count, ppos, tmp, len);
}

static const struct file_operations abi_version_fops = {
	.read = abi_version_read,
	.llseek = default_llseek,
};

static int __init uringaudit_init_securityfs(void)
{
	struct dentry *root, *node;

	if (!uringaudit_initialized)
		return 0;

	root = securityfs_create_dir(URINGAUDIT_FS_DIR, NULL);
	if (IS_ERR(root)) {
		pr_err("Failed to create the securityfs directory: %ld\n",
		       PTR_ERR(root));
		return PTR_ERR(root);
	}

	node = securityfs_create_file("abi_version", 0444, root, NULL,
				      &abi_version_fops);
	if (IS_ERR(node)) {
		pr_err("Failed to create \"abi_version\": %ld\n",
		       PTR_ERR(node));
		securityfs_remove(root);
		return PTR_ERR(node);
	}

	return 0;
}

fs_initcall(uringaudit_init_securityfs);
