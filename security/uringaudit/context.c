// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Which io_uring context the current task runs in
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/array_size.h>

#include "context.h"

static const char *const ctx_names[__URINGAUDIT_CTX_MAX] = {
	[URINGAUDIT_CTX_NONE] = "none",
	[URINGAUDIT_CTX_INLINE] = "inline",
	[URINGAUDIT_CTX_IOWQ] = "iowq",
	[URINGAUDIT_CTX_SQPOLL] = "sqpoll",
};

/**
 * uringaudit_ctx_name() - Name of a context, as policies and records spell it
 * @ctx: The context.
 *
 * Return: A static string; "?" for a value that is not a context.
 */
const char *uringaudit_ctx_name(enum uringaudit_ctx ctx)
{
	if ((unsigned int)ctx >= ARRAY_SIZE(ctx_names))
		return "?";
	return ctx_names[ctx];
}
