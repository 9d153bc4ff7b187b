/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Fault injection into the resolution of values
 *
 * With CONFIG_SECURITY_URINGAUDIT_FAULT_INJECTION, the debugfs directory
 * fail_uringaudit (see Documentation/fault-injection/) makes the lookups
 * of identities, names, programs and cgroups fail, to show that a value
 * that cannot be resolved never lets an op through that a rule on it
 * would stop.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_FAULT_H
#define _SECURITY_URINGAUDIT_FAULT_H

#include <linux/types.h>

#ifdef CONFIG_SECURITY_URINGAUDIT_FAULT_INJECTION
bool uringaudit_should_fail(void);
#else
static inline bool uringaudit_should_fail(void)
{
	return false;
}
#endif /* CONFIG_SECURITY_URINGAUDIT_FAULT_INJECTION */

#endif /* _SECURITY_URINGAUDIT_FAULT_H */
