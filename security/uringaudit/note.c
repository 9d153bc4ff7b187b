// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - A decision and its record
 *
 * An op is decided once per class it does; the decisions of one op go into
 * one record, which keeps the strongest of them and the most it learnt of
 * the object.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/slab.h>

#include "note.h"
#include "stats.h"

/*
 * Whether decision @d says more than the one @rec holds: it is stronger,
 * or as strong and made by a rule where the record's was the default.
 */
static bool stronger(const struct uringaudit_record *rec,
		     const struct uringaudit_decision *d)
{
	return d->action > rec->action ||
	       (d->action == rec->action && d->rule && !rec->ruled);
}

/*
 * Add a decision to a record: the strongest decision of the op is the one
 * it names, with every class recorded listed in op=, and each object the
 * decisions were about (uringaudit_record_object()).  With "unrecorded
 * deny", room for the record is held before the op runs; an op that
 * cannot have its record is denied.  Returns false when the op must fail
 * for want of a record.
 */
static bool note(struct uringaudit_record **recp, u32 op, u32 ctx,
		 const struct uringaudit_decision *d,
		 const struct uringaudit_object *obj,
		 const struct uringaudit_who *who, struct uringaudit_scratch *s)
{
	struct uringaudit_record *rec = *recp;
	bool must = d->active->policy->unrecorded == URINGAUDIT_DENY;

	if (!rec) {
		rec = kzalloc(sizeof(*rec), GFP_KERNEL_ACCOUNT);
		if (!rec) {
			uringaudit_stats_lost();
			if (must)
				uringaudit_stats_unrecorded();
			return !must;
		}
		*recp = rec;
		uringaudit_record_who(rec, who, s);
		uringaudit_record_what(rec, op, ctx, d);
	} else if (stronger(rec, d)) {
		uringaudit_record_what(rec, op, ctx, d);
	} else {
		rec->ops |= BIT_ULL(op);
	}
	if (obj)
		uringaudit_record_object(rec, obj, op, s);
	if (must && !uringaudit_record_reserve(rec)) {
		uringaudit_stats_lost();
		uringaudit_stats_unrecorded();
		return false;
	}
	return true;
}

/**
 * uringaudit_decide_note() - Decide an op and note it in its record
 * @s: Room for the values of the decision.
 * @q: What is asked: op, context, subject, object.
 * @recp: The record of the op: NULL until a decision needs one.
 * @d: The decision, released before the return.
 *
 * Context: Process context; may sleep.
 * Return: 0 to let the op run, -%EACCES to fail it: a rule denies it, or
 * its record cannot be written under "unrecorded deny".
 */
int uringaudit_decide_note(struct uringaudit_scratch *s,
			   const struct uringaudit_query *q,
			   struct uringaudit_record **recp,
			   struct uringaudit_decision *d)
{
	int ret = 0;

	uringaudit_decide(s, q, d);
	if (uringaudit_records(d) &&
	    !note(recp, q->op, q->ctx, d, q->obj, &q->who, s)) {
		/* Denied for want of its record: none is written later. */
		ret = -EACCES;
		if (*recp) {
			uringaudit_record_free(*recp);
			kfree(*recp);
			*recp = NULL;
		}
	}
	if (uringaudit_denies(d))
		ret = -EACCES;
	uringaudit_decision_release(d);
	return ret;
}

/**
 * uringaudit_emit_free() - Write a complete record and free it
 * @rec: The record, or NULL for none.
 * @head: Text written before its fields.
 * @tail: Text written after them.
 */
void uringaudit_emit_free(struct uringaudit_record *rec, const char *head,
			  const char *tail)
{
	if (!rec)
		return;
	uringaudit_record_emit(rec, head, tail);
	uringaudit_record_free(rec);
	kfree(rec);
}
