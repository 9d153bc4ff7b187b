/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Audit records of uringaudit's own state
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_STATE_RECORD_H
#define _SECURITY_URINGAUDIT_STATE_RECORD_H

#include <linux/types.h>

void uringaudit_log_policy_load(const u8 *digest, u32 nr_rules,
				u32 nr_unresolved, int err);
void uringaudit_log_mode(bool enforcing, bool old_enforcing, int err);
void uringaudit_log_lock(bool old_locked);

#endif /* _SECURITY_URINGAUDIT_STATE_RECORD_H */
