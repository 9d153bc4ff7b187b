// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Fault injection into the resolution of values
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/fault-inject.h>
#include <linux/init.h>

#include "fault.h"
#include "setup.h"

static DECLARE_FAULT_ATTR(fail_uringaudit);

/**
 * uringaudit_should_fail() - Whether a resolution should fail now
 *
 * Return: true when the fail_uringaudit fault attribute says so.
 */
bool uringaudit_should_fail(void)
{
	return should_fail(&fail_uringaudit, 1);
}

static int __init uringaudit_fault_init(void)
{
	struct dentry *dir;

	if (!uringaudit_initialized)
		return 0;
	dir = fault_create_debugfs_attr("fail_uringaudit", NULL,
					&fail_uringaudit);
	return PTR_ERR_OR_ZERO(dir);
}
late_initcall(uringaudit_fault_init);
