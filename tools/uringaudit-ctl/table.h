/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit-ctl - A table of rows keyed by a few strings (table.c)
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _URINGAUDIT_CTL_TABLE_H
#define _URINGAUDIT_CTL_TABLE_H

#include "ctl.h"

#define TABLE_MAX_PARTS 6

/**
 * struct table_row - The start of every row
 * @next: Next row of its hash bucket.
 * @key: Its key.
 * @key_len: Length of @key.
 * @parts: Storage of @part.
 * @part: The parts of its key, as given.
 */
struct table_row {
	struct table_row *next;
	char *key;
	size_t key_len;
	char *parts;
	const char *part[TABLE_MAX_PARTS];
};

/**
 * struct table - Rows, by key and in a list
 * @buckets: Hash buckets.
 * @nb: Number of @buckets: a power of two.
 * @rows: Every row, in the order added (or sorted).
 * @n: Number of @rows.
 * @cap: Room in @rows.
 */
struct table {
	struct table_row **buckets;
	size_t nb;
	struct table_row **rows;
	size_t n, cap;
};

struct table_row *table_row(struct table *t, size_t size, unsigned int nparts,
			    ...);
void table_sort(struct table *t, int (*cmp)(const void *, const void *));
void table_free(struct table *t);

#endif /* _URINGAUDIT_CTL_TABLE_H */
