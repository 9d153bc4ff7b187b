// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Records of requests that complete after their issue
 *
 * A request that goes on after its issue (armed for poll, a timeout, a
 * wait, a multishot request) has its result only when its completion is
 * posted, in another task maybe.  Its record waits here, found by the
 * request, until then (precise mode).
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/atomic.h>
#include <linux/hashtable.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "policy_names.h"
#include "record.h"
#include "stash.h"

static DEFINE_HASHTABLE(stash_table, 8);
static DEFINE_SPINLOCK(stash_lock);
/* How many records wait: most issues find none without the lock. */
static atomic_t stash_count = ATOMIC_INIT(0);

/**
 * uringaudit_stash_add() - Keep a record until its request completes
 * @st: The record and what it says of its request; freed by
 *	uringaudit_stash_free() once found.
 */
void uringaudit_stash_add(struct uringaudit_stash *st)
{
	spin_lock(&stash_lock);
	hash_add(stash_table, &st->node, (unsigned long)st->req);
	atomic_inc(&stash_count);
	spin_unlock(&stash_lock);
}

/**
 * uringaudit_stash_empty() - Whether no request has a record kept
 *
 * Return: true when no record waits for its request to complete.
 */
bool uringaudit_stash_empty(void)
{
	return !atomic_read(&stash_count);
}

/**
 * uringaudit_stash_find() - The record kept for a request
 * @req: The request.
 * @remove: Take it out: its request completed.
 *
 * Return: The record, or NULL.
 */
struct uringaudit_stash *uringaudit_stash_find(const void *req, bool remove)
{
	struct uringaudit_stash *st;

	if (uringaudit_stash_empty())
		return NULL;
	spin_lock(&stash_lock);
	hash_for_each_possible(stash_table, st, node, (unsigned long)req) {
		if (st->req == req) {
			if (remove) {
				hash_del(&st->node);
				atomic_dec(&stash_count);
			}
			spin_unlock(&stash_lock);
			return st;
		}
	}
	spin_unlock(&stash_lock);
	return NULL;
}

/**
 * uringaudit_stash_write() - Write a request's record with its result
 * @st: The record and what it says of its request.
 * @res: The result, as the CQE has it.
 *
 * Context: Process context; may sleep.
 */
void uringaudit_stash_write(const struct uringaudit_stash *st, int res)
{
	char head[32], tail[160];
	int n;

	if (!st->rec)
		return;
	snprintf(head, sizeof(head), "opcode=%s",
		 uringaudit_opcodes[st->opcode].name);
	n = snprintf(tail, sizeof(tail), " ring=%016llx",
		     uringaudit_record_ring(st->ring));
	if (st->target)
		n += snprintf(tail + n, sizeof(tail) - n,
			      " target_ring=%016llx",
			      uringaudit_record_ring(st->target));
	n += snprintf(tail + n, sizeof(tail) - n, " res=%d result=%d",
		      !st->denied, res);
	/* Issued again after -EAGAIN: how often, and where first. */
	if (st->attempts > 1)
		snprintf(tail + n, sizeof(tail) - n,
			 " attempts=%u first_ctx=%s", st->attempts,
			 uringaudit_ctx_names[st->first_ctx]);
	/* The record says where the request ran last. */
	st->rec->ctx = st->ctx;
	uringaudit_record_emit(st->rec, head, tail);
}

/**
 * uringaudit_stash_free() - Free a kept record
 * @st: It, out of the stash.
 */
void uringaudit_stash_free(struct uringaudit_stash *st)
{
	if (st->rec) {
		uringaudit_record_free(st->rec);
		kfree(st->rec);
	}
	kfree(st);
}
