/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Decisions a task remembers
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_CACHE_H
#define _SECURITY_URINGAUDIT_CACHE_H

#include <linux/bits.h>
#include <linux/cred.h>
#include <linux/types.h>
#include <linux/uidgid.h>

#include "policy.h"

/**
 * struct uringaudit_cache - The ops a task was allowed, silently, lately
 *
 * A decision that no record follows and that depends on nothing but the
 * op, its context, the credentials, the login user ID and the executable
 * (no path= candidate) comes out the same the next time those are the
 * same under the same policy.  Only the task itself reads and writes its
 * cache; it is dropped at execve(2), which changes the executable.
 *
 * @generation: The generation of the policy it holds for; 0 when empty.
 * @cred: The credentials it holds for, referenced.
 * @loginuid: The login user ID it holds for.
 * @allow: For each context, the ops allowed (a bit per &enum
 *	uringaudit_op).
 */
struct uringaudit_cache {
	u64 generation;
	const struct cred *cred;
	kuid_t loginuid;
	u64 allow[URINGAUDIT_NR_RULE_CTX];
};

/**
 * uringaudit_cache_allows() - Whether a task was allowed an op already
 * @c: The current task's cache.
 * @generation: The generation of the active policy.
 * @op: The op class or event.
 * @ctx: Its context; not %URINGAUDIT_CTX_NONE.
 * @cred: The credentials it runs with.
 * @loginuid: The current task's login user ID.
 *
 * Return: true when the same op was allowed, silently, with the same
 * credentials, login user ID and policy.
 */
static inline bool
uringaudit_cache_allows(const struct uringaudit_cache *c, u64 generation,
			enum uringaudit_op op, enum uringaudit_ctx ctx,
			const struct cred *cred, kuid_t loginuid)
{
	return c->generation == generation && c->cred == cred &&
	       uid_eq(c->loginuid, loginuid) && (c->allow[ctx] & BIT_ULL(op));
}

void uringaudit_cache_remember(struct uringaudit_cache *c, u64 generation,
			       enum uringaudit_op op, enum uringaudit_ctx ctx,
			       const struct cred *cred, kuid_t loginuid);
void uringaudit_cache_drop(struct uringaudit_cache *c);

#endif /* _SECURITY_URINGAUDIT_CACHE_H */
