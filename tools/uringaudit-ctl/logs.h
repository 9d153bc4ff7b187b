/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit-ctl - What the log commands (report, learn, watch) share
 *
 * logsource.c finds and reads the logs; events.c walks them with
 * libauparse, one uringaudit record at a time, and applies the filters;
 * record.c decodes a record's fields, maps a record to the subject of a
 * policy decision (ua_subject_of(): the one place that knows what the
 * fields mean) and writes a record as JSON; logopts.c parses the options
 * the commands share.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _URINGAUDIT_CTL_LOGS_H
#define _URINGAUDIT_CTL_LOGS_H

#include "ctl.h"
#include "subject.h"

#include <auparse.h>
#include <getopt.h>
#include <json-c/json.h>
#include <libaudit.h>
#include <linux/uringaudit.h>
#include <time.h>

/*
 * The record type: <linux/uringaudit.h> defines it (and <linux/audit.h>
 * may, one day, with the same value).
 */
#ifndef AUDIT_URINGAUDIT
#define AUDIT_URINGAUDIT 1440
#endif
#ifndef AUDIT_URINGOP
#define AUDIT_URINGOP 1336
#endif
#ifndef AUDIT_NLGRP_READLOG
#define AUDIT_NLGRP_READLOG 1
#endif
/* The name audit userspace will give the type, once it knows it. */
#define URINGAUDIT_TYPE_NAME "URINGAUDIT"

/* Exit codes of the log commands, besides 0, 1 and 2. */
#define EXIT_NO_RECORDS 3
#define EXIT_DAMAGED 4
#define EXIT_NO_NODE 5

/* Times are milliseconds since the epoch. */
#define TIME_MIN (-0x7fffffffffffffffLL - 1)
#define TIME_MAX 0x7fffffffffffffffLL

/* How a field's text is read. */
enum ua_kind {
	UA_AUTO, /* quoted: a string; a decimal integer: a number; else text */
	UA_STR, /* an untrusted string: quoted or hex */
	UA_NUM, /* a decimal integer */
	UA_WORD, /* a word, as it stands */
};

/**
 * struct ua_field - A field of a uringaudit record, decoded
 * @name: Its name.
 * @value: Its text, with quotes removed and hex decoded; NULL when the
 *	record says it is unknown ("?").
 * @is_num: Whether it is a number (of a numeric field, or of a field not
 *	known here whose text is a decimal integer).
 * @num: The number.
 */
struct ua_field {
	char *name;
	char *value;
	bool is_num;
	long long num;
};

#define UA_MAX_FIELDS 64

/**
 * struct ua_record - A uringaudit record, and where it came from
 * @serial: Serial number of its event.
 * @ms: Time of its event.
 * @node: The node that logged it, or NULL.
 * @file: The log it was read from, or NULL (watch).
 * @line: Its line in @file.
 * @nfields: Number of @fields.
 * @fields: Its fields, in the order of the record.
 * @au: The auparse state, positioned in the record's event: the event's
 *	other records can be read through it while the record is handled.
 */
struct ua_record {
	unsigned long serial;
	long long ms;
	const char *node;
	const char *file;
	unsigned long line;
	unsigned int nfields;
	struct ua_field fields[UA_MAX_FIELDS];
	auparse_state_t *au;
};

const struct ua_field *ua_field(const struct ua_record *r, const char *name);
const char *ua_get(const struct ua_record *r, const char *name);

/**
 * struct ua_subject - What a record says was decided, in policy terms
 * @op: Op classes or event, as op= lists them ("open,truncate").
 * @op_idx: The first of them, as an &enum uringaudit_op, or -1 when this
 *	build does not know one.
 * @ops: All of them, a bit each.
 * @opcode: The IORING_OP name, when recorded.
 * @ctx: Context name; @ctx_idx its &enum uringaudit_ctx, or -1.
 * @ctx_idx: See @ctx.
 * @first_ctx_idx: For a request issued more than once, where it was issued
 *	first (first_ctx=), which decided it too; else -1.
 * @decision: "audit" or "deny".
 * @permissive: A deny that was only recorded.
 * @ran: Whether the op ran (a deny in enforce mode did not).
 * @exe: Executable of the process behind the op; NULL when unknown.
 * @pid: That process.
 * @path: The object's path, as the policy matches it; NULL for none.
 * @has_ids: Whether @uid, @gid and @auid were recorded.
 * @uid: Effective user ID the op ran with (a rule's uid=).
 * @gid: Effective group ID (gid=).
 * @auid: Login user ID (auid=).
 * @family: Socket address family, or -1.
 * @addr: Socket address, or NULL.
 * @port: Port, or -1.
 * @cgroup: cgroup v2 path of the task, or NULL.
 * @rule: The rule that decided, or "default".
 */
struct ua_subject {
	const char *op;
	int op_idx;
	u64 ops;
	const char *opcode;
	const char *ctx;
	int ctx_idx;
	int first_ctx_idx;
	const char *decision;
	bool permissive;
	bool ran;
	const char *exe;
	long long pid;
	const char *path;
	bool has_ids;
	u32 uid, gid, auid;
	int family;
	const char *addr;
	long port;
	const char *cgroup;
	const char *rule;
};

int ua_subject_of(const struct ua_record *r, struct ua_subject *s);
void ua_kernel_subject(const struct ua_subject *s, struct ctl_subject *k);
const char *ua_family_name(int family);
void ua_object(const struct ua_subject *s, char *buf, size_t size);
struct json_object *ua_record_json(const struct ua_record *r);
void ua_decode_fields(struct ua_record *r);
void ua_decode_as(struct ua_field *f, const char *name, enum ua_kind k,
		  const char *raw, const char *interp);
const char *ua_safe(const char *s, char *buf, size_t size);
void ua_free_fields(struct ua_record *r);

/**
 * struct ua_opts - The options every log command takes
 * @files: The logs to read; none: the files auditd writes.
 * @nfiles: Number of @files.
 * @since: Records from this time on.
 * @until: Records up to this time.
 * @exes: Only the records of these executables; none: all.
 * @nexes: Number of @exes.
 * @ops: Only these op classes, events or opcodes (comma-separated).
 * @decisions: Only these decisions (comma-separated).
 * @nodes: Only the records of these nodes (node= of name_format); none:
 *	those of every node, and those without node=.
 * @nnodes: Number of @nodes.
 */
struct ua_opts {
	const char *files[64];
	unsigned int nfiles;
	long long since, until;
	const char *exes[16];
	unsigned int nexes;
	const char *ops;
	const char *decisions;
	const char *nodes[16];
	unsigned int nnodes;
};

/* getopt_long() entries and letters of the shared options. */
#define UA_OPT_FILE 'f'
#define UA_OPT_SINCE 0x100
#define UA_OPT_UNTIL 0x101
#define UA_OPT_EXE 0x102
#define UA_OPT_OP 0x103
#define UA_OPT_DECISION 0x104
#define UA_OPT_NODE 0x105
#define UA_LONG_OPTIONS                                              \
	{ "file", required_argument, NULL, UA_OPT_FILE },            \
		{ "since", required_argument, NULL, UA_OPT_SINCE },  \
		{ "until", required_argument, NULL, UA_OPT_UNTIL },  \
		{ "exe", required_argument, NULL, UA_OPT_EXE },      \
		{ "op", required_argument, NULL, UA_OPT_OP },        \
		{ "node", required_argument, NULL, UA_OPT_NODE },    \
	{                                                            \
		"decision", required_argument, NULL, UA_OPT_DECISION \
	}

void ua_opts_init(struct ua_opts *o);
int ua_usage(const char *cmd, const char *fmt, const char *arg);
int ua_number(const char *cmd, const char *opt, const char *arg,
	      unsigned long *out);
int ua_getopt(int argc, char **argv, const char *shortopts,
	      const struct option *opts, struct ua_opts *o,
	      int (*own)(int c, const char *arg, void *ctx), void *ctx);
int ua_opt(struct ua_opts *o, const char *cmd, int c, const char *arg);
int ua_parse_time(const char *s, long long *ms);
bool ua_wanted(const struct ua_opts *o, const struct ua_record *r,
	       const struct ua_subject *s);
void ua_format_time(long long ms, char *buf, size_t size, bool millis);
void ua_iso_time(long long ms, char *buf, size_t size);

/* Called for each uringaudit record that passes the filters. */
typedef int (*ua_record_fn)(const struct ua_record *r,
			    const struct ua_subject *s, void *arg);

/**
 * struct ua_node - What a read of the logs saw of one node
 * @name: Its name (node= of its records), or NULL for records without one.
 * @records: Its uringaudit records that passed the filters.
 * @first_ms: Time of the first of them.
 * @last_ms: Time of the last.
 * @all: Its uringaudit records, filters aside.
 * @unreadable: Its uringaudit records this build cannot read (another
 *	uringaudit ABI, or damaged): ignored.
 * @why: What was wrong with the first of those, and where.
 * @lost: Serial numbers missing between its first and last event read (in
 *	the time window), in runs of the same auditd.
 * @gaps: The first gaps, "A-B" each, ", "-separated.
 * @serials: The serial numbers seen since its last DAEMON_START.
 * @nserials: How many.
 * @cap: Room in @serials.
 * @ngaps: Gaps found.
 */
struct ua_node {
	char *name;
	unsigned long records;
	long long first_ms, last_ms;
	unsigned long all, unreadable;
	char why[512];
	unsigned long lost;
	char gaps[256];
	unsigned long *serials;
	size_t nserials, cap;
	unsigned int ngaps;
};

/**
 * struct ua_summary - What a read of the logs saw besides the records
 * @files: The files read, ", "-separated.
 * @records: uringaudit records that passed the filters.
 * @first_ms: Time of the first of them.
 * @last_ms: Time of the last.
 * @lost: Serial numbers missing, of every node.
 * @gaps: The first gaps, "A-B" each, ", "-separated (of the first node
 *	with gaps, when there are several nodes: "NODE: A-B").
 * @nodes: The nodes, by name once the read is done.
 * @nnodes: How many.
 */
struct ua_summary {
	char files[4096];
	unsigned long records;
	long long first_ms, last_ms;
	unsigned long lost;
	char gaps[256];
	struct ua_node *nodes;
	size_t nnodes;
};

void ua_summary_free(struct ua_summary *sum);

int ua_read_logs(const struct ua_opts *o, ua_record_fn fn, void *arg,
		 struct ua_summary *sum);
int ua_event_records(auparse_state_t *au, const struct ua_opts *o,
		     ua_record_fn fn, void *arg);

/* logsource.c: the logs to read, as one stream that auparse reads. */
struct log_source;

struct log_source *log_source_open(const char *const *files,
				   unsigned int nfiles);
FILE *log_source_stream(struct log_source *src);
void log_source_where(const struct log_source *src, unsigned long line,
		      const char **file, unsigned long *file_line);
void log_source_saw(struct log_source *src, unsigned long line);
bool log_source_partial(const struct log_source *src, unsigned long line);
bool log_source_joined(const struct log_source *src, unsigned long line);
int log_source_close(struct log_source *src, bool read_all);
const char *log_source_names(const struct log_source *src);
unsigned int auditd_logs(char **files, unsigned int max);

#endif /* _URINGAUDIT_CTL_LOGS_H */
