/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - The LSM hooks io_uring operations reach
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_HOOKS_H
#define _SECURITY_URINGAUDIT_HOOKS_H

#include <linux/init.h>

void __init uringaudit_add_op_hooks(void);

#endif /* _SECURITY_URINGAUDIT_HOOKS_H */
