// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - report: what the audit logs say uringaudit decided
 *
 * First the denials, then the counts per executable, op, context and
 * decision, the objects each executable touched most, and the records the
 * log lost; or, with --json, every record as a line of JSON.  The records
 * of several nodes (a collecting auditd's log) are reported node by node,
 * after a table of the nodes.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "logs.h"
#include "table.h"

struct deny_row {
	struct table_row row; /* exe, op, ctx, object, rule */
	unsigned long count;
	long long last_ms;
	long long pid;
	bool permissive;
};

struct count_row {
	struct table_row row; /* exe, op, ctx, decision */
	unsigned long count;
};

struct object_row {
	struct table_row row; /* exe, object */
	unsigned long count;
};

/* What report found of one node (or of records without node=). */
struct part {
	const char *node;
	struct table denials, counts, objects;
	unsigned long records;
	long long first_ms, last_ms;
};

struct report {
	bool json;
	unsigned long top;
	struct part *parts;
	size_t nparts;
};

/* The part of node @node, made if new; NULL when out of memory. */
static struct part *part_of(struct report *rep, const char *node)
{
	struct part *more;
	size_t i;

	for (i = 0; i < rep->nparts; i++)
		if (node ? rep->parts[i].node &&
				    !strcmp(rep->parts[i].node, node) :
			   !rep->parts[i].node)
			return &rep->parts[i];
	more = realloc(rep->parts, (rep->nparts + 1) * sizeof(*more));
	if (!more)
		return NULL;
	rep->parts = more;
	memset(&more[rep->nparts], 0, sizeof(*more));
	/* The name lives in the read's summary until the report is out. */
	more[rep->nparts].node = node;
	return &more[rep->nparts++];
}

static const char report_help[] =
	"Usage: %s report [--file|-f FILE|-]... [--since TIME] [--until TIME]\n"
	"       [--exe PATH]... [--op LIST] [--decision audit|deny] [--node NAME]...\n"
	"       [--top N] [--json]\n"
	"\n"
	"What uringaudit's records in the audit logs say: the denials, then\n"
	"counts per executable, op, context and decision, the objects each\n"
	"executable touched most, and the records the log lost.  Reads the\n"
	"files auditd writes (log_file of auditd.conf and its rotated copies)\n"
	"unless --file names others.  --json prints every record as a line of\n"
	"JSON instead.  A collecting auditd's log (name_format = hostname on\n"
	"each node) is reported node by node.\n"
	"\n"
	"  -f, --file FILE  read FILE (- for standard input); repeatable\n"
	"  --since TIME     records from TIME on (@SECONDS, YYYY-MM-DD\n"
	"                   [HH:MM:SS], HH:MM:SS, today, recent, boot)\n"
	"  --until TIME     records up to TIME\n"
	"  --exe PATH       records of this executable; repeatable\n"
	"  --op LIST        records of these op classes, events or opcodes\n"
	"  --decision D     audit or deny (permissive denials included)\n"
	"  --node NAME      records of this node (node=); repeatable\n"
	"  --top N          objects per executable (default 5)\n"
	"  --json           one JSON object per record (uringaudit-ctl-report(8))\n"
	"\n"
	"Exit codes: 0 success, 1 a log could not be read, 2 usage error,\n"
	"3 no uringaudit record matched, 4 lines of a log were damaged or\n"
	"records not of this uringaudit ABI (ignored; the rest is reported),\n"
	"5 a node --node names has no record in the logs.\n"
	"See uringaudit-ctl-report(8).\n";

static int count(const struct ua_record *r, const struct ua_subject *s,
		 void *arg)
{
	struct report *rep = arg;
	char object[4200], op[160];
	struct deny_row *d;
	struct count_row *c;
	struct object_row *o;
	struct part *p;

	if (rep->json) {
		struct json_object *j = ua_record_json(r);

		puts(json_object_to_json_string_ext(j, CTL_JSON_FLAGS));
		json_object_put(j);
		return 0;
	}
	/* The op classes, and the opcode where the kernel records another. */
	if (s->opcode && strcmp(s->opcode, s->op))
		snprintf(op, sizeof(op), "%s/%s", s->op, s->opcode);
	else
		snprintf(op, sizeof(op), "%s", s->op);
	ua_object(s, object, sizeof(object));
	p = part_of(rep, r->node);
	if (!p)
		goto oom;
	if (!p->records++)
		p->first_ms = r->ms;
	p->last_ms = r->ms;
	c = (struct count_row *)table_row(&p->counts, sizeof(*c), 4,
					  s->exe ?: "?", op, s->ctx,
					  s->decision);
	o = (struct object_row *)table_row(&p->objects, sizeof(*o), 2,
					   s->exe ?: "?", object);
	if (!c || !o)
		goto oom;
	c->count++;
	/* An event (setup, sqpoll) has no object to count. */
	o->count += strcmp(object, "-") != 0;
	if (strcmp(s->decision, "deny"))
		return 0;
	d = (struct deny_row *)table_row(&p->denials, sizeof(*d), 6,
					 s->exe ?: "?", op, s->ctx, object,
					 s->rule, s->permissive ? "1" : "0");
	if (!d)
		goto oom;
	d->count++;
	d->last_ms = r->ms;
	d->pid = s->pid;
	d->permissive = s->permissive;
	return 0;
oom:
	fprintf(stderr, "Failed to count the records: %s\n", strerror(ENOMEM));
	return EXIT_FAIL;
}

static int by_last(const void *a, const void *b)
{
	const struct deny_row *x = *(const struct deny_row *const *)a;
	const struct deny_row *y = *(const struct deny_row *const *)b;

	return x->last_ms < y->last_ms ? -1 : x->last_ms > y->last_ms;
}

/* By executable, then count, largest first; then key. */
static int by_exe_count(const void *a, const void *b)
{
	const struct count_row *x = *(const struct count_row *const *)a;
	const struct count_row *y = *(const struct count_row *const *)b;
	int c = strcmp(x->row.part[0], y->row.part[0]);

	if (c)
		return c;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->row.key, y->row.key);
}

/* The widest of column @col of the rows of @t, at least @min. */
static int width(const struct table *t, int col, int min)
{
	char buf[4200];
	size_t i;
	int w = min, n;

	for (i = 0; i < t->n; i++) {
		n = (int)strlen(
			ua_safe(t->rows[i]->part[col], buf, sizeof(buf)));
		if (n > w)
			w = n;
	}
	return w > 60 ? 60 : w;
}

static void print_denials(struct part *rep)
{
	char when[64], exe[4200], what[4200], rule[4200], who[4300];
	int we = width(&rep->denials, 0, 8) + 8, wo, wc, wb;
	size_t i;

	printf("Denials: %zu\n", rep->denials.n);
	if (!rep->denials.n)
		return;
	wo = width(&rep->denials, 1, 2);
	wc = width(&rep->denials, 2, 3);
	wb = width(&rep->denials, 3, 6);
	table_sort(&rep->denials, by_last);
	printf("  %6s  %-19s  %-*s  %-*s  %-*s  %-*s  %s\n", "COUNT", "LAST",
	       we, "EXE[PID]", wo, "OP", wc, "CTX", wb, "OBJECT", "RULE");
	for (i = 0; i < rep->denials.n; i++) {
		const struct deny_row *d =
			(const struct deny_row *)rep->denials.rows[i];

		ua_format_time(d->last_ms, when, sizeof(when), false);
		snprintf(who, sizeof(who), "%s[%lld]",
			 ua_safe(d->row.part[0], exe, sizeof(exe)), d->pid);
		printf("  %6lu  %s  %-*s  %-*s  %-*s  %-*s  %s%s\n", d->count,
		       when, we, who, wo, d->row.part[1], wc, d->row.part[2],
		       wb, ua_safe(d->row.part[3], what, sizeof(what)),
		       ua_safe(d->row.part[4], rule, sizeof(rule)),
		       d->permissive ? " (permissive: it ran)" : "");
	}
}

static void print_counts(struct part *rep)
{
	int we = width(&rep->counts, 0, 3), wo = width(&rep->counts, 1, 2);
	int wc = width(&rep->counts, 2, 3);
	char exe[4200];
	size_t i;

	table_sort(&rep->counts, by_exe_count);
	printf("\nOps per executable:\n");
	printf("  %-*s  %-*s  %-*s  %-8s  %8s\n", we, "EXE", wo, "OP", wc,
	       "CTX", "DECISION", "COUNT");
	for (i = 0; i < rep->counts.n; i++) {
		const struct count_row *c =
			(const struct count_row *)rep->counts.rows[i];

		printf("  %-*s  %-*s  %-*s  %-8s  %8lu\n", we,
		       ua_safe(c->row.part[0], exe, sizeof(exe)), wo,
		       c->row.part[1], wc, c->row.part[2], c->row.part[3],
		       c->count);
	}
}

static void print_objects(struct part *rep, unsigned long top)
{
	char buf[4200];
	const char *exe = NULL;
	unsigned long shown = 0;
	size_t i;

	/* Rows of the same layout as count_row: count after the key. */
	table_sort(&rep->objects, by_exe_count);
	printf("\nTop objects per executable:\n");
	for (i = 0; i < rep->objects.n; i++) {
		const struct object_row *o =
			(const struct object_row *)rep->objects.rows[i];

		if (!exe || strcmp(exe, o->row.part[0])) {
			exe = o->row.part[0];
			shown = 0;
			printf("  %s\n", ua_safe(exe, buf, sizeof(buf)));
		}
		if (o->count && shown++ < top)
			printf("    %8lu  %s\n", o->count,
			       ua_safe(o->row.part[1], buf, sizeof(buf)));
	}
}

/* The node of the read's summary that @p reports. */
static const struct ua_node *node_sum(const struct ua_summary *sum,
				      const struct part *p)
{
	size_t i;

	for (i = 0; i < sum->nnodes; i++)
		if (p->node ? sum->nodes[i].name &&
				      !strcmp(sum->nodes[i].name, p->node) :
			      !sum->nodes[i].name)
			return &sum->nodes[i];
	return NULL;
}

/* Parts by node name; records without node= first. */
static int by_node(const void *a, const void *b)
{
	const struct part *x = a, *y = b;

	if (!x->node || !y->node)
		return !!x->node - !!y->node;
	return strcmp(x->node, y->node);
}

/* The nodes, one line each, before their reports. */
static void print_nodes(struct report *rep, const struct ua_summary *sum)
{
	char first[64], last[64], name[300];
	size_t i;

	printf("Nodes: %zu\n", rep->nparts);
	printf("  %-24s  %8s  %7s  %6s  %-19s  %s\n", "NODE", "RECORDS",
	       "DENIED", "LOST", "FIRST", "LAST");
	for (i = 0; i < rep->nparts; i++) {
		const struct part *p = &rep->parts[i];
		const struct ua_node *nd = node_sum(sum, p);
		unsigned long denials = 0;
		size_t j;

		for (j = 0; j < p->denials.n; j++)
			denials += ((const struct deny_row *)p->denials.rows[j])
					   ->count;
		ua_format_time(p->first_ms, first, sizeof(first), false);
		ua_format_time(p->last_ms, last, sizeof(last), false);
		printf("  %-24s  %8lu  %7lu  %6lu  %s  %s\n",
		       ua_safe(p->node ?: "(no node)", name, sizeof(name)),
		       p->records, denials, nd ? nd->lost : 0, first, last);
	}
	printf("Logs:    %s\n", sum->files);
}

/* The report of one part: of the only node, or of one of several. */
static void print_part(struct report *rep, struct part *p,
		       const struct ua_summary *sum, bool several)
{
	const struct ua_node *nd = node_sum(sum, p);
	char first[64], last[64], name[300];

	ua_format_time(p->first_ms, first, sizeof(first), false);
	ua_format_time(p->last_ms, last, sizeof(last), false);
	if (several)
		printf("\n== Node %s ==\n",
		       ua_safe(p->node ?: "(no node)", name, sizeof(name)));
	printf("Records: %lu, from %s to %s\n", p->records, first, last);
	if (!several && p->node)
		printf("Node:    %s\n", ua_safe(p->node, name, sizeof(name)));
	if (!several)
		printf("Logs:    %s\n", sum->files);
	printf("\n");
	print_denials(p);
	print_counts(p);
	print_objects(p, rep->top);
	printf("\nRecords lost: %lu", nd ? nd->lost : 0);
	if (nd && nd->lost)
		printf(" (serial numbers missing from the log: %s)", nd->gaps);
	printf("\n");
}

static int report_opt(int c, const char *arg, void *ctx)
{
	struct report *rep = ctx;

	switch (c) {
	case 'j':
		rep->json = true;
		return 0;
	case 't':
		return ua_number("report", "--top", arg, &rep->top);
	default:
		return ua_usage("report", "unknown option \"%s\"", arg ?: "?");
	}
}

int cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		UA_LONG_OPTIONS,
		{ "json", no_argument, NULL, 'j' },
		{ "top", required_argument, NULL, 't' },
		{},
	};
	struct report rep = { .top = 5 };
	struct ua_summary sum = {};
	struct ua_opts o;
	size_t i;
	int ret;

	if (wants_help(argc, argv)) {
		printf(report_help, prog);
		return 0;
	}
	ret = ua_getopt(argc, argv, "", opts, &o, report_opt, &rep);
	if (ret)
		return ret;
	ret = ua_read_logs(&o, count, &rep, &sum);
	if (ret == EXIT_FAIL || ret == EXIT_NO_NODE)
		goto out;
	if (!sum.records) {
		fprintf(stderr, "No uringaudit record%s in \"%s\".\n",
			o.nexes || o.ops || o.decisions || o.nnodes ||
					o.since != TIME_MIN ||
					o.until != TIME_MAX ?
				" matches" :
				"",
			sum.files);
		ret = ret ?: EXIT_NO_RECORDS;
		goto out;
	}
	if (rep.json)
		goto out;
	qsort(rep.parts, rep.nparts, sizeof(*rep.parts), by_node);
	if (rep.nparts > 1)
		print_nodes(&rep, &sum);
	for (i = 0; i < rep.nparts; i++)
		print_part(&rep, &rep.parts[i], &sum, rep.nparts > 1);
out:
	for (i = 0; i < rep.nparts; i++) {
		table_free(&rep.parts[i].denials);
		table_free(&rep.parts[i].counts);
		table_free(&rep.parts[i].objects);
	}
	free(rep.parts);
	ua_summary_free(&sum);
	return ret;
}
