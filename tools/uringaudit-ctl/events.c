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
 * the stats file.  Each node (node= of auditd's name_format, as a
 * collecting auditd's log holds them) numbers its events itself: serials
 * are counted per node.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "logs.h"

/* Note serial number @serial of node @nd. */
static void serial_add(struct ua_node *nd, unsigned long serial)
{
	unsigned long *more;

	if (nd->nserials == nd->cap) {
		nd->cap = nd->cap ? 2 * nd->cap : 4096;
		more = realloc(nd->serials, nd->cap * sizeof(*nd->serials));
		if (!more) {
			nd->cap = nd->nserials;
			return;
		}
		nd->serials = more;
	}
	nd->serials[nd->nserials++] = serial;
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a;
	unsigned long y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/* Count the serials of @nd missing among those seen; start again. */
static void serial_flush(struct ua_node *nd)
{
	size_t i, len;

	if (nd->nserials > 1)
		qsort(nd->serials, nd->nserials, sizeof(*nd->serials),
		      cmp_ulong);
	for (i = 1; i < nd->nserials; i++) {
		unsigned long a = nd->serials[i - 1], b = nd->serials[i];

		if (b <= a + 1)
			continue;
		nd->lost += b - a - 1;
		len = strlen(nd->gaps);
		if (++nd->ngaps > 4) {
			if (nd->ngaps == 5 && len + 6 < sizeof(nd->gaps))
				strcat(nd->gaps, ", ...");
			continue;
		}
		if (b == a + 2)
			snprintf(nd->gaps + len, sizeof(nd->gaps) - len,
				 "%s%lu", len ? ", " : "", a + 1);
		else
			snprintf(nd->gaps + len, sizeof(nd->gaps) - len,
				 "%s%lu-%lu", len ? ", " : "", a + 1, b - 1);
	}
	nd->nserials = 0;
}

/* The entry of node @name (NULL: records without node=), made if new. */
static struct ua_node *node_of(struct ua_summary *sum, const char *name)
{
	struct ua_node *more, *nd;
	size_t i;

	for (i = 0; i < sum->nnodes; i++) {
		nd = &sum->nodes[i];
		if (name ? nd->name && !strcmp(nd->name, name) : !nd->name)
			return nd;
	}
	more = realloc(sum->nodes, (sum->nnodes + 1) * sizeof(*more));
	if (!more)
		return NULL;
	sum->nodes = more;
	nd = &sum->nodes[sum->nnodes];
	memset(nd, 0, sizeof(*nd));
	if (name && !(nd->name = strdup(name)))
		return NULL;
	sum->nnodes++;
	return nd;
}

/**
 * ua_summary_free() - Free what a read of the logs noted of its nodes
 * @sum: The summary.
 */
void ua_summary_free(struct ua_summary *sum)
{
	size_t i;

	for (i = 0; i < sum->nnodes; i++) {
		free(sum->nodes[i].name);
		free(sum->nodes[i].serials);
	}
	free(sum->nodes);
	sum->nodes = NULL;
	sum->nnodes = 0;
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
	ua_record_fn fn;
	void *arg;
	struct ua_summary *sum;
};

/* How many times @needle is in @hay. */
static unsigned int count_of(const char *hay, const char *needle)
{
	unsigned int n = 0;

	for (; hay && (hay = strstr(hay, needle)); hay += strlen(needle))
		n++;
	return n;
}

/*
 * What makes record @r one that this build cannot read, or NULL.  A node
 * that runs another uringaudit ABI writes op classes, contexts or
 * decisions this build does not know, or lacks the fields it writes; a
 * log cut mid-record and written on runs two records into one line.
 */
static const char *unreadable(auparse_state_t *au, const struct ua_record *r,
			      const struct ua_subject *s, char *buf,
			      size_t size)
{
	static const char *const needed[] = { "op", "ctx", "decision", "rule" };
	size_t i;

	if (count_of(auparse_get_record_text(au), "msg=audit(") > 1)
		return "two records run into one line, as in a log cut mid-record";
	for (i = 0; i < ARRAY_SIZE(needed); i++)
		if (!ua_field(r, needed[i])) {
			snprintf(buf, size, "it has no %s= field", needed[i]);
			return buf;
		}
	if (s->op_idx < 0)
		snprintf(buf, size, "op \"%.64s\" is unknown to it", s->op);
	else if (s->ctx_idx < 0)
		snprintf(buf, size, "ctx \"%.64s\" is unknown to it", s->ctx);
	else if (strcmp(s->decision, "audit") && strcmp(s->decision, "deny"))
		snprintf(buf, size, "decision \"%.64s\" is unknown to it",
			 s->decision);
	else
		return NULL;
	return buf;
}

/* Hand the uringaudit records of auparse's current event to the command. */
static int event_records(auparse_state_t *au, struct reader *rd)
{
	const au_event_t *e = auparse_get_timestamp(au);
	unsigned int i, n = auparse_get_num_records(au);
	struct ua_node *nd = NULL;
	const char *why;
	char *node, whybuf[128];
	struct ua_record *r;
	struct ua_subject s;
	unsigned long line;
	int type, ret = 0;

	if (!e)
		return 0;
	r = calloc(1, sizeof(*r));
	if (!r)
		return EXIT_FAIL;
	/* A copy, to be freed (__attr_dealloc_free), though declared const. */
	node = (char *)auparse_get_node(au);
	if (rd->sum) {
		nd = node_of(rd->sum, node);
		if (!nd) {
			free(node);
			free(r);
			fprintf(stderr, "Failed to read the logs: %s\n",
				strerror(ENOMEM));
			return EXIT_FAIL;
		}
	}
	r->au = au;
	r->serial = e->serial;
	r->ms = (long long)e->sec * 1000 + e->milli;
	r->node = nd ? nd->name : node;
	for (i = 0; i < n && !ret; i++) {
		if (auparse_goto_record_num(au, i) <= 0)
			break;
		line = auparse_get_line_number(au);
		type = auparse_get_type(au);
		if (rd->src)
			log_source_saw(rd->src, line);
		if (nd && i == 0 && r->ms >= rd->o->since &&
		    r->ms <= rd->o->until) {
			if (type == AUDIT_DAEMON_START)
				serial_flush(nd);
			if (type < AUDIT_FIRST_DAEMON ||
			    type > AUDIT_LAST_DAEMON)
				serial_add(nd, e->serial);
		}
		if (!is_uringaudit(au))
			continue;
		if (rd->src && log_source_partial(rd->src, line))
			continue;
		if (rd->src)
			log_source_where(rd->src, line, &r->file, &r->line);
		ua_decode_fields(r);
		ua_subject_of(r, &s);
		if (rd->src && log_source_joined(rd->src, line))
			why = "two records run into one line, as in a log cut mid-record";
		else
			why = unreadable(au, r, &s, whybuf, sizeof(whybuf));
		if (nd)
			nd->all++;
		if (why && nd && !nd->unreadable++)
			snprintf(nd->why, sizeof(nd->why),
				 "line %lu of \"%s\": %s", r->line,
				 r->file ?: "?", why);
		if (!why && ua_wanted(rd->o, r, &s)) {
			if (rd->sum) {
				if (!rd->sum->records++)
					rd->sum->first_ms = r->ms;
				rd->sum->last_ms = r->ms;
				if (!nd->records++)
					nd->first_ms = r->ms;
				nd->last_ms = r->ms;
			}
			ret = rd->fn(r, &s, rd->arg);
		}
		ua_free_fields(r);
	}
	free(node);
	free(r);
	return ret;
}

/*
 * After the read: the serials each node lost, its records that could not
 * be read, and the nodes --node names that the logs do not hold.
 * Returns 0, %EXIT_DAMAGED or %EXIT_NO_NODE, after saying why.
 */
/* Nodes by name; records without node= first. */
static int by_name(const void *a, const void *b)
{
	const struct ua_node *x = a, *y = b;

	if (!x->name || !y->name)
		return !!x->name - !!y->name;
	return strcmp(x->name, y->name);
}

static int nodes_done(const struct ua_opts *o, struct ua_summary *sum)
{
	unsigned int i;
	size_t j, len;
	int ret = 0;

	if (sum->nnodes > 1)
		qsort(sum->nodes, sum->nnodes, sizeof(*sum->nodes), by_name);
	for (j = 0; j < sum->nnodes; j++) {
		struct ua_node *nd = &sum->nodes[j];

		serial_flush(nd);
		sum->lost += nd->lost;
		len = strlen(sum->gaps);
		if (nd->lost && sum->nnodes == 1)
			snprintf(sum->gaps, sizeof(sum->gaps), "%s", nd->gaps);
		else if (nd->lost)
			snprintf(sum->gaps + len, sizeof(sum->gaps) - len,
				 "%s%s: %s", len ? "; " : "",
				 nd->name ?: "(no node)", nd->gaps);
		if (!nd->unreadable)
			continue;
		fprintf(stderr,
			"Failed to read the records of %s%s%s: %lu of its %lu uringaudit records cannot be read as records of uringaudit ABI %d, as this %s reads them (%s); ignored\n",
			nd->name ? "node \"" : "the log", nd->name ?: "",
			nd->name ? "\"" : "", nd->unreadable, nd->all,
			URINGAUDIT_CTL_ABI, prog, nd->why);
		ret = EXIT_DAMAGED;
	}
	for (i = 0; i < o->nnodes; i++) {
		char names[1024] = "";

		for (j = 0; j < sum->nnodes; j++)
			if (sum->nodes[j].name &&
			    !strcmp(sum->nodes[j].name, o->nodes[i]))
				break;
		if (j < sum->nnodes)
			continue;
		for (j = 0, len = 0; j < sum->nnodes && len < sizeof(names);
		     j++)
			if (sum->nodes[j].name)
				len += snprintf(names + len,
						sizeof(names) - len, "%s%s",
						len ? ", " : "",
						sum->nodes[j].name);
		fprintf(stderr,
			"Failed to find node \"%s\": no record of it in \"%s\" (%s%s)\n",
			o->nodes[i], sum->files,
			len ? "nodes there: " : "its records have no node=",
			names);
		ret = EXIT_NO_NODE;
	}
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

	return event_records(au, &rd);
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
 * %EXIT_NO_NODE when --node names a node the logs do not hold (said);
 * %EXIT_DAMAGED when lines were not audit records or incomplete, or
 * records could not be read as this build's uringaudit ABI (said, each,
 * and ignored); or what @fn returned.  @sum is to be freed with
 * ua_summary_free(), whatever the return.
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
	auparse_destroy(au);
	rc = log_source_close(rd.src, !ret && !rc);
	if (!ret)
		ret = rc;
	rc = nodes_done(o, sum);
	if (!ret || (ret == EXIT_DAMAGED && rc))
		ret = rc ?: ret;
out:
	for (i = 0; i < ARRAY_SIZE(logs); i++)
		free(logs[i]);
	return ret;
}
