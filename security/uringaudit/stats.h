/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Decision and record counters
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_STATS_H
#define _SECURITY_URINGAUDIT_STATS_H

#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/types.h>

#include "policy.h"

/**
 * struct uringaudit_stats - Counters of one CPU
 *
 * @decisions: Decisions per op, context and action.
 * @records: Records emitted (audit or kernel log).
 * @records_lost: Records that could not be emitted (no memory, audit
 *	backlog full, kernel log rate limit).
 * @unrecorded_denied: Ops denied because room for their record could not
 *	be held (a policy with "unrecorded deny").
 */
struct uringaudit_stats {
	u64 decisions[__URINGAUDIT_OP_MAX][URINGAUDIT_NR_CTX]
		     [__URINGAUDIT_ACTION_MAX];
	u64 records;
	u64 records_lost;
	u64 unrecorded_denied;
};

DECLARE_PER_CPU(struct uringaudit_stats, uringaudit_stats);

/**
 * uringaudit_stats_count() - Count a decision
 * @op: The op class or event.
 * @ctx: Its context.
 * @action: What was decided.
 */
static inline void uringaudit_stats_count(u32 op, u32 ctx,
					  enum uringaudit_action action)
{
	this_cpu_inc(uringaudit_stats.decisions[op][ctx][action]);
}

/**
 * uringaudit_stats_recorded() - Count a record written
 */
static inline void uringaudit_stats_recorded(void)
{
	this_cpu_inc(uringaudit_stats.records);
}

/**
 * uringaudit_stats_lost() - Count a record that could not be written
 */
static inline void uringaudit_stats_lost(void)
{
	this_cpu_inc(uringaudit_stats.records_lost);
}

/**
 * uringaudit_stats_unrecorded() - Count an op denied for want of a record
 */
static inline void uringaudit_stats_unrecorded(void)
{
	this_cpu_inc(uringaudit_stats.unrecorded_denied);
}

int uringaudit_stats_show(struct seq_file *m, void *v);

#endif /* _SECURITY_URINGAUDIT_STATS_H */
