// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - The uringaudit records of audit events, through auparse
 *
 * auparse groups a log's records into events; each uringaudit record of
 * an event is decoded, mapped to its subject, filtered and handed to the
 * command, with the event still at hand for its other records.
 *
 * Records lost on their way to the log show as serial numbers missing
 * from it: the kernel numbers every event (and every record outside a
 * system call) in turn, and a record dropped after it was numbered (rate
 * limit, hold queue overflow) leaves a gap.  auditd's own records
 * (DAEMON_*) are numbered apart, and a DAEMON_START (a new boot, maybe)
 * starts the count again.  A record dropped before it was numbered
 * (backlog limit) leaves none: uringaudit counts those of its own in
 * the stats file.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "logs.h"

/* The serial numbers seen since the last DAEMON_START. */
struct serials {
	unsigned long *v;
	size_t n, cap;
	struct ua_summary *sum;
	unsigned int ngaps;
};

static void serial_add(struct serials *s, unsigned long serial)
{
	unsigned long *more;

	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 4096;
		more = realloc(s->v, s->cap * sizeof(*s->v));
		if (!more) {
			s->cap = s->n;
			return;
		}
		s->v = more;
	}
	s->v[s->n++] = serial;
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a;
	unsigned long y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/* Count the serials missing among those seen; start again. */
static void serial_flush(struct serials *s)
{
	struct ua_summary *sum = s->sum;
	size_t i, len;

	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), cmp_ulong);
	for (i = 1; i < s->n; i++) {
		unsigned long a = s->v[i - 1], b = s->v[i];

		if (b <= a + 1)
			continue;
		sum->lost += b - a - 1;
		len = strlen(sum->gaps);
		if (++s->ngaps > 4) {
			if (s->ngaps == 5 && len + 6 < sizeof(sum->gaps))
				strcat(sum->gaps, ", ...");
			continue;
		}
		if (b == a + 2)
			snprintf(sum->gaps + len, sizeof(sum->gaps) - len,
				 "%s%lu", len ? ", " : "", a + 1);
		else
			snprintf(sum->gaps + len, sizeof(sum->gaps) - len,
				 "%s%lu-%lu", len ? ", " : "", a + 1, b - 1);
	}
	s->n = 0;
}

static bool is_uringaudit(auparse_state_t *au)
{
	const char *name = auparse_get_type_name(au);

	return auparse_get_type(au) == AUDIT_URINGAUDIT ||
	       (name && !strcmp(name, URINGAUDIT_TYPE_NAME));
}

struct reader {
	const struct ua_opts *o;
	struct log_source *src;
	struct serials serials;
	ua_record_fn fn;
	void *arg;
	struct ua_summary *sum;
};

/* Hand the uringaudit records of auparse's current event to the command. */
static int event_records(auparse_state_t *au, struct reader *rd)
{
	const au_event_t *e = auparse_get_timestamp(au);
	unsigned int i, n = auparse_get_num_records(au);
	struct ua_record *r;
	struct ua_subject s;
	unsigned long line;
	int type, ret = 0;

	if (!e)
		return 0;
	r = calloc(1, sizeof(*r));
	if (!r)
		return EXIT_FAIL;
	r->au = au;
	r->serial = e->serial;
	r->ms = (long long)e->sec * 1000 + e->milli;
	r->node = e->host;
	for (i = 0; i < n && !ret; i++) {
		if (auparse_goto_record_num(au, i) <= 0)
			break;
		line = auparse_get_line_number(au);
		type = auparse_get_type(au);
		if (rd->src)
			log_source_saw(rd->src, line);
		if (i == 0 && r->ms >= rd->o->since && r->ms <= rd->o->until) {
			if (type == AUDIT_DAEMON_START)
				serial_flush(&rd->serials);
			if (type < AUDIT_FIRST_DAEMON ||
			    type > AUDIT_LAST_DAEMON)
				serial_add(&rd->serials, e->serial);
		}
		if (!is_uringaudit(au))
			continue;
		if (rd->src && log_source_partial(rd->src, line))
			continue;
		if (rd->src)
			log_source_where(rd->src, line, &r->file, &r->line);
		ua_decode_fields(r);
		ua_subject_of(r, &s);
		if (ua_wanted(rd->o, r, &s)) {
			if (rd->sum) {
				if (!rd->sum->records++)
					rd->sum->first_ms = r->ms;
				rd->sum->last_ms = r->ms;
			}
			ret = rd->fn(r, &s, rd->arg);
		}
		ua_free_fields(r);
	}
	free(r);
	return ret;
}

/**
 * ua_event_records() - Hand the uringaudit records of an event on
 * @au: auparse, with an event ready (a feed's callback).
 * @o: The filters.
 * @fn: Called for each record that passes them; a non-zero return stops.
 * @arg: Passed to @fn.
 *
 * Return: What @fn returned last.
 */
int ua_event_records(auparse_state_t *au, const struct ua_opts *o,
		     ua_record_fn fn, void *arg)
{
	struct reader rd = { .o = o, .fn = fn, .arg = arg };
	int ret = event_records(au, &rd);

	free(rd.serials.v);
	return ret;
}

/**
 * ua_read_logs() - Read the logs @o names; hand on their uringaudit records
 * @o: The files and filters.
 * @fn: Called for each record that passes the filters; a non-zero return
 *	stops the reading, and is returned.
 * @arg: Passed to @fn.
 * @sum: What was read besides.
 *
 * Return: 0; %EXIT_FAIL when a log could not be read (said on stderr);
 * %EXIT_DAMAGED when lines were not audit records or incomplete (said,
 * each, and ignored); or what @fn returned.
 */
int ua_read_logs(const struct ua_opts *o, ua_record_fn fn, void *arg,
		 struct ua_summary *sum)
{
	struct reader rd = { .o = o, .fn = fn, .arg = arg, .sum = sum };
	char *logs[64] = { NULL };
	const char *const *files = o->files;
	unsigned int nfiles = o->nfiles, i;
	auparse_state_t *au = NULL;
	int ret = 0, rc = 0;

	memset(sum, 0, sizeof(*sum));
	rd.serials.sum = sum;
	if (!nfiles) {
		nfiles = auditd_logs(logs, ARRAY_SIZE(logs));
		if (!nfiles)
			return EXIT_FAIL;
		files = (const char *const *)logs;
	}
	rd.src = log_source_open(files, nfiles);
	if (!rd.src) {
		ret = EXIT_FAIL;
		goto out;
	}
	snprintf(sum->files, sizeof(sum->files), "%s",
		 log_source_names(rd.src));
	au = auparse_init(AUSOURCE_FILE_POINTER, log_source_stream(rd.src));
	if (!au) {
		fprintf(stderr, "Failed to read \"%s\": %s\n", sum->files,
			strerror(errno));
		fclose(log_source_stream(rd.src));
		log_source_close(rd.src, false);
		ret = EXIT_FAIL;
		goto out;
	}
	auparse_set_escape_mode(au, AUPARSE_ESC_RAW);
	while (!ret && (rc = auparse_next_event(au)) > 0)
		ret = event_records(au, &rd);
	serial_flush(&rd.serials);
	auparse_destroy(au);
	rc = log_source_close(rd.src, !ret && !rc);
	if (!ret)
		ret = rc;
out:
	free(rd.serials.v);
	for (i = 0; i < ARRAY_SIZE(logs); i++)
		free(logs[i]);
	return ret;
}
