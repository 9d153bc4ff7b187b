// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Decision and record counters
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>

#include "stats.h"

DEFINE_PER_CPU(struct uringaudit_stats, uringaudit_stats);

static u64 sum(u32 op, u32 ctx, u32 act)
{
	u64 n = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		n += READ_ONCE(per_cpu_ptr(&uringaudit_stats, cpu)
				       ->decisions[op][ctx][act]);
	return n;
}

/**
 * uringaudit_stats_show() - Print the counters, summed over all CPUs
 * @m: The seq_file of the stats file.
 * @v: Unused.
 *
 * One line per op and context, "OP CTX ALLOW AUDIT DENY", after a header
 * line starting with '#'; then "records N", "records_lost N" and
 * "unrecorded_denied N".
 *
 * Return: 0.
 */
int uringaudit_stats_show(struct seq_file *m, void *v)
{
	u64 records = 0, lost = 0, unrecorded = 0;
	u32 op, ctx, act;
	int cpu;

	seq_puts(m, "# op ctx allow audit deny\n");
	for (op = 0; op < __URINGAUDIT_OP_MAX; op++) {
		for (ctx = 0; ctx < URINGAUDIT_NR_CTX; ctx++) {
			u64 n[__URINGAUDIT_ACTION_MAX];

			for (act = 0; act < __URINGAUDIT_ACTION_MAX; act++)
				n[act] = sum(op, ctx, act);
			seq_printf(m, "%s %s %llu %llu %llu\n",
				   uringaudit_op_names[op],
				   uringaudit_ctx_names[ctx],
				   n[URINGAUDIT_ALLOW], n[URINGAUDIT_AUDIT],
				   n[URINGAUDIT_DENY]);
		}
	}
	for_each_possible_cpu(cpu) {
		const struct uringaudit_stats *s =
			per_cpu_ptr(&uringaudit_stats, cpu);

		records += READ_ONCE(s->records);
		lost += READ_ONCE(s->records_lost);
		unrecorded += READ_ONCE(s->unrecorded_denied);
	}
	seq_printf(m,
		   "records %llu\nrecords_lost %llu\nunrecorded_denied %llu\n",
		   records, lost, unrecorded);
	return 0;
}
