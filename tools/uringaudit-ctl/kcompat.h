/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit-ctl - The few kernel definitions the shared policy sources use
 *
 * security/uringaudit/policy_parser.c and policy_match.c build in the
 * kernel and here; this header stands in for the kernel headers they use.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _URINGAUDIT_CTL_KCOMPAT_H
#define _URINGAUDIT_CTL_KCOMPAT_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

#define GFP_KERNEL 0
#define GFP_KERNEL_ACCOUNT 0
#define kmalloc(size, gfp) malloc(size)
#define kzalloc(size, gfp) calloc(1, size)
#define kcalloc(n, size, gfp) calloc(n, size)
#define kfree(p) free((void *)(p))
#define kvcalloc(n, size, gfp) calloc(n, size)
#define kvfree(p) free((void *)(p))

#define U32_MAX UINT32_MAX
#define BIT(n) (1UL << (n))
#define BIT_ULL(n) (1ULL << (n))
#define GENMASK_ULL(h, l) ((~0ULL << (l)) & (~0ULL >> (63 - (h))))
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ilog2(n) (31 - __builtin_clz((unsigned int)(n)))
#define __ffs(x) ((unsigned long)__builtin_ctzl(x))
#define __printf(a, b) __attribute__((format(printf, a, b)))

#define MAX_ERRNO 4095
#define ERR_PTR(err) ((void *)(intptr_t)(err))
#define PTR_ERR(ptr) ((long)(intptr_t)(ptr))
#define IS_ERR(ptr) ((uintptr_t)(ptr) >= (uintptr_t)-MAX_ERRNO)
#define IS_ERR_OR_NULL(ptr) (!(ptr) || IS_ERR(ptr))

#endif /* _URINGAUDIT_CTL_KCOMPAT_H */
