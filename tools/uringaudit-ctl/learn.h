/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit-ctl - learn: a policy from the records of a run
 *
 * learn.c reads the records and what was seen; learn_rules.c makes the
 * rules (paths collapsed to a directory, socket keys as far as the policy
 * grammar of this build allows) and checks the result with the kernel's
 * parser and matcher; learn_out.c asks about each rule and writes the
 * policy.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _URINGAUDIT_CTL_LEARN_H
#define _URINGAUDIT_CTL_LEARN_H

#include "logs.h"
#include "subject.h"
#include "table.h"

/* What a rule's object is. */
enum obj_kind {
	OBJ_PATH, /* a file op's path: path= */
	OBJ_SOCKET, /* a socket op: family=, addr=, port= as the grammar has */
	OBJ_NONE, /* an event, or a file op on what has no path */
};

/**
 * struct seen - What the records say one executable did, once or more
 * @row: Key: exe, ctx, op, kind, object (a path, the socket keys, or "").
 * @count: How many times.
 * @first: When first.
 * @last: When last.
 * @op: Its &enum uringaudit_op.
 * @ctx: Its &enum uringaudit_ctx.
 * @kind: What @row.part[4] is.
 * @opcodes: The opcodes recorded, as ",a,b,".
 * @shown: The object of its first record, as report shows it.
 * @subj: A record of it, as the matcher takes it: names from @row, no
 *	cgroup.
 * @final: The object of the rule that allows it; NULL when none can.
 * @rule: Index of that rule in &learn.rules.
 */
struct seen {
	struct table_row row;
	unsigned long count;
	long long first, last;
	int op, ctx;
	enum obj_kind kind;
	char opcodes[256];
	char shown[160];
	struct ctl_subject subj;
	const char *final;
	size_t rule;
};

/* What a rule does after the review: allow, audit, or nothing. */
#define RULE_SKIP (-1)

/**
 * struct rule - One rule of the learned policy
 * @exe: Executable.
 * @ctx: Context.
 * @kind: What @object is.
 * @object: Path, socket keys, or "".
 * @ops: Its op classes and events.
 * @op_count: Ops seen per op class or event.
 * @count: Ops seen in all.
 * @nobjects: Distinct objects (paths) it covers.
 * @first: When its first op was seen.
 * @last: When its last.
 * @opcodes: Opcodes seen, comma-separated.
 * @example: A path it covers, when it covers several.
 * @action: %URINGAUDIT_ALLOW, %URINGAUDIT_AUDIT or %RULE_SKIP.
 * @text: The rule, as written.
 */
struct rule {
	const char *exe;
	int ctx;
	enum obj_kind kind;
	const char *object;
	u64 ops;
	unsigned long op_count[__URINGAUDIT_OP_MAX];
	unsigned long count, nobjects;
	long long first, last;
	char opcodes[256];
	const char *example;
	int action;
	char *text;
};

/* Keys of the policy grammar this build's parser takes. */
struct grammar {
	bool family, addr, port;
};

/**
 * struct learn - A learn run
 * @o: The log options.
 * @action: What the rules do (allow or audit).
 * @dflt: The default of the policy, or -1: the merged policy's.
 * @collapse: Paths of one directory that make a rule for the directory;
 *	0: never.
 * @merge: The policy to add to, or NULL.
 * @merge_text: Its text.
 * @merge_len: Its length.
 * @merge_pol: It, parsed, resolved by name and indexed.
 * @scratch: A record's op, for the matcher.
 * @output: Where to write, or NULL for standard output.
 * @per_node: The directory of one policy per node, or NULL.
 * @review: Ask about each rule.
 * @g: The grammar.
 * @seen: What was seen, one row per executable, context, op and object.
 * @rules: The rules.
 * @nrules: How many.
 * @records: Records read.
 * @not_run: Denied ops, which did not run: not learned.
 * @no_exe: Ops of processes without an executable: not learned.
 * @unknown: Ops of an op or context this build does not know.
 * @unnamed: Ops on paths no rule can name.
 * @covered: Ops the merged policy decides already.
 * @left_denied: Of those, ops one of its rules denies.
 * @sum: What the read saw besides.
 * @strings: Strings the rules point to, to be freed.
 * @nstrings: How many.
 */
struct learn {
	struct ua_opts o;
	int action;
	int dflt;
	unsigned long collapse;
	const char *merge;
	char *merge_text;
	size_t merge_len;
	struct uringaudit_policy *merge_pol;
	struct ctl_subject scratch;
	const char *output;
	const char *per_node;
	bool review;
	struct grammar g;
	struct table seen;
	struct rule *rules;
	size_t nrules;
	unsigned long records, not_run, no_exe, unknown, unnamed;
	unsigned long covered, left_denied;
	struct ua_summary sum;
	char **strings;
	size_t nstrings;
};

/* learn_rules.c */
void grammar_probe(struct grammar *g);
bool rule_parses(const char *text);
int make_rules(struct learn *l);
int verify_policy(const struct learn *l, const char *text, size_t len);
void free_rules(struct learn *l);

/* learn_out.c */
int review_rules(struct learn *l);
int write_policy(struct learn *l);

#endif /* _URINGAUDIT_CTL_LEARN_H */
