// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - A table of rows keyed by a few strings, for counting
 *
 * report and learn count records per key (an executable, an op, a
 * context, an object, ...): table_row() finds the row of a key, or adds a
 * zeroed one.  A key is its parts, each prefixed with its length, so that
 * no byte of a part can be mistaken for a separator.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "table.h"

#include <stdarg.h>

/* FNV-1a, as the kernel's policy index uses. */
static size_t hash(const char *key, size_t len)
{
	return uringaudit_str_hash(key, (u32)len);
}

static bool grow(struct table *t)
{
	size_t nb = t->nb ? 2 * t->nb : 256, i;
	struct table_row **b = calloc(nb, sizeof(*b));

	if (!b)
		return false;
	for (i = 0; i < t->n; i++) {
		struct table_row *row = t->rows[i];
		size_t h = hash(row->key, row->key_len) & (nb - 1);

		row->next = b[h];
		b[h] = row;
	}
	free(t->buckets);
	t->buckets = b;
	t->nb = nb;
	return true;
}

/**
 * table_row() - The row of a key, added (zeroed) if new
 * @t: The table.
 * @size: Size of a row, &struct table_row first.
 * @nparts: Number of parts of the key, then the parts (strings; NULL is
 *	taken as "").
 *
 * Return: The row; its parts are copied into &table_row.part. NULL when
 * out of memory.
 */
struct table_row *table_row(struct table *t, size_t size, unsigned int nparts,
			    ...)
{
	const char *parts[TABLE_MAX_PARTS];
	char *key, *p;
	struct table_row *row, **more;
	size_t len = 0, h, i;
	va_list ap;

	va_start(ap, nparts);
	for (i = 0; i < nparts && i < TABLE_MAX_PARTS; i++) {
		parts[i] = va_arg(ap, const char *) ?: "";
		len += 24 + strlen(parts[i]);
	}
	va_end(ap);
	key = malloc(len + 1);
	if (!key)
		return NULL;
	for (p = key, i = 0; i < nparts && i < TABLE_MAX_PARTS; i++)
		p += sprintf(p, "%zu:%s", strlen(parts[i]), parts[i]);
	len = (size_t)(p - key);
	if (t->n >= t->nb && !grow(t))
		goto fail;
	h = hash(key, len) & (t->nb - 1);
	for (row = t->buckets[h]; row; row = row->next)
		if (row->key_len == len && !memcmp(row->key, key, len)) {
			free(key);
			return row;
		}
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 256;
		more = realloc(t->rows, t->cap * sizeof(*more));
		if (!more)
			goto fail;
		t->rows = more;
	}
	row = calloc(1, size);
	if (!row)
		goto fail;
	row->key = key;
	row->key_len = len;
	/* The parts point into a copy, NUL-terminated each. */
	row->part[0] = row->parts = malloc(len + 1);
	if (!row->parts) {
		free(row);
		goto fail;
	}
	for (p = row->parts, i = 0; i < nparts && i < TABLE_MAX_PARTS; i++) {
		row->part[i] = p;
		p = stpcpy(p, parts[i]) + 1;
	}
	row->next = t->buckets[h];
	t->buckets[h] = row;
	t->rows[t->n++] = row;
	return row;
fail:
	free(key);
	return NULL;
}

/* Sort the rows of @t (table.rows) with @cmp, which takes two rows. */
void table_sort(struct table *t, int (*cmp)(const void *, const void *))
{
	if (t->n)
		qsort(t->rows, t->n, sizeof(*t->rows), cmp);
}

void table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->rows[i]->key);
		free(t->rows[i]->parts);
		free(t->rows[i]);
	}
	free(t->rows);
	free(t->buckets);
	memset(t, 0, sizeof(*t));
}
