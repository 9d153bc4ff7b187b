// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Decisions a task remembers
 *
 * A rule that matches on uid, gid, auid or exe is decided from what the
 * task is, not from what the op touches: once a task was allowed an op,
 * silently, it is allowed the next one of the same class and context at
 * the cost of a few compares, for as long as its credentials, login user
 * ID, program and the policy stay the same.  The cache holds a reference
 * to the credentials it was filled for, so that a pointer compare is an
 * identity compare; the policy is known by a generation number that no
 * other policy ever has.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/cred.h>
#include <linux/string.h>

#include "cache.h"

/**
 * uringaudit_cache_remember() - Remember that an op was allowed silently
 * @c: The current task's cache.
 * @generation: The generation of the policy that allowed it.
 * @op: The op class or event.
 * @ctx: Its context; not %URINGAUDIT_CTX_NONE.
 * @cred: The credentials it ran with.
 * @loginuid: The current task's login user ID.
 *
 * The caller must know that the decision depended on nothing else.
 *
 * Context: Process context, the current task's own cache; does not sleep.
 */
void uringaudit_cache_remember(struct uringaudit_cache *c, u64 generation,
			       enum uringaudit_op op, enum uringaudit_ctx ctx,
			       const struct cred *cred, kuid_t loginuid)
{
	if (c->generation != generation || c->cred != cred ||
	    !uid_eq(c->loginuid, loginuid)) {
		uringaudit_cache_drop(c);
		c->cred = get_cred(cred);
		c->generation = generation;
		c->loginuid = loginuid;
	}
	c->allow[ctx] |= BIT_ULL(op);
}

/**
 * uringaudit_cache_drop() - Forget every decision
 * @c: A task's cache: the current task's, or a dead task's.
 */
void uringaudit_cache_drop(struct uringaudit_cache *c)
{
	const struct cred *cred = c->cred;

	memset(c, 0, sizeof(*c));
	if (cred)
		put_cred(cred);
}
