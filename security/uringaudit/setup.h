/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Security framework setup
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_SETUP_H
#define _SECURITY_URINGAUDIT_SETUP_H

#include <linux/kconfig.h>
#include <linux/lsm_hooks.h>

extern bool uringaudit_initialized;

extern struct lsm_blob_sizes uringaudit_blob_sizes;
extern const struct lsm_id uringaudit_lsmid;

/**
 * uringaudit_precise() - Whether the kernel has the io_uring LSM hooks
 *
 * Precise mode needs the io_uring LSM hook series (security_uring_issue()
 * and security_uring_result()); without it uringaudit builds in compat
 * mode, on the hooks a stock kernel has.
 *
 * Return: true in precise mode, false in compat mode.
 */
static inline bool uringaudit_precise(void)
{
#ifdef URINGAUDIT_PRECISE
	return true;
#else
	return false;
#endif
}

#endif /* _SECURITY_URINGAUDIT_SETUP_H */
