/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Security framework setup
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_SETUP_H
#define _SECURITY_URINGAUDIT_SETUP_H

#include <linux/lsm_hooks.h>

extern bool uringaudit_initialized;

extern struct lsm_blob_sizes uringaudit_blob_sizes;
extern const struct lsm_id uringaudit_lsmid;

#endif /* _SECURITY_URINGAUDIT_SETUP_H */
