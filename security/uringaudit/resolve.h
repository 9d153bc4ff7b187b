/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - The objects a policy's path= and exe= rules name
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_RESOLVE_H
#define _SECURITY_URINGAUDIT_RESOLVE_H

#include <linux/types.h>

#include "policy.h"

int uringaudit_resolve(struct uringaudit_policy *policy, u32 *unresolved);

#endif /* _SECURITY_URINGAUDIT_RESOLVE_H */
