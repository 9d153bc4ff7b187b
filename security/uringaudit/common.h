/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Common macros
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_COMMON_H
#define _SECURITY_URINGAUDIT_COMMON_H

#define URINGAUDIT_NAME "uringaudit"

#ifdef pr_fmt
#undef pr_fmt
#endif

#define pr_fmt(fmt) URINGAUDIT_NAME ": " fmt

#endif /* _SECURITY_URINGAUDIT_COMMON_H */
