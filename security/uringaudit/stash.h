/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Records of requests that complete after their issue
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_STASH_H
#define _SECURITY_URINGAUDIT_STASH_H

#include <linux/list.h>
#include <linux/types.h>

#include "record.h"

/**
 * struct uringaudit_stash - A record waiting for its request's result
 * @node: In the stash, by @req.
 * @req: The request.
 * @ring: Its ring.
 * @target: For MSG_RING, the ring it sends to; else NULL.
 * @opcode: Its IORING_OP_*.
 * @ctx: Where it was issued last.
 * @denied: Whether a decision failed it.
 * @written: Whether a record of it was written already (a multishot
 *	round).
 * @retry: It returned -EAGAIN and may be issued again: what its attempts
 *	decided carries over to the next, and it has one record, written
 *	when its result is known.
 * @attempts: How many times it was issued.
 * @first_ctx: Where it was issued first.
 * @decided: Op classes its attempts decided.
 * @pending: Op classes whose decision waits for their object.
 * @rec: The record, or NULL when nothing was recorded yet.
 */
struct uringaudit_stash {
	struct hlist_node node;
	const void *req;
	const void *ring;
	const void *target;
	u8 opcode;
	u8 ctx;
	bool denied;
	bool written;
	bool retry;
	u8 attempts;
	u8 first_ctx;
	u64 decided;
	u64 pending;
	struct uringaudit_record *rec;
};

void uringaudit_stash_add(struct uringaudit_stash *st);
bool uringaudit_stash_empty(void);
struct uringaudit_stash *uringaudit_stash_find(const void *req, bool remove);
void uringaudit_stash_write(const struct uringaudit_stash *st, int res);
void uringaudit_stash_free(struct uringaudit_stash *st);

#endif /* _SECURITY_URINGAUDIT_STASH_H */
