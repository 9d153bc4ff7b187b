// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - learn: a policy from the records of a run
 *
 * The records of a run under an auditing policy (default audit, or a
 * policy in permissive mode) say what each executable did through
 * io_uring; learn writes the rules that allow that and nothing else.
 * With --merge, only what the policy given does not decide already: its
 * own rules and default, asked through the kernel's matcher.  From a
 * collecting auditd's log, one policy for every node, or (--per-node DIR)
 * one per node, DIR/NODE.policy.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "learn.h"

#include <sys/stat.h>
#include <unistd.h>

static const char learn_help[] =
	"Usage: %s learn [--file FILE|-]... [--since TIME] [--until TIME]\n"
	"       [--exe PATH]... [--op LIST] [--decision D] [--default deny|audit]\n"
	"       [--action allow|audit] [--collapse N] [--merge POLICY]\n"
	"       [--node NAME]... [--output|-o FILE | --per-node DIR] [--batch]\n"
	"\n"
	"Write a policy that allows what the records of a run show ran, per\n"
	"executable, op, context and object, and nothing else.  Reads the\n"
	"files auditd writes unless --file names others; the records of\n"
	"denied ops that did not run are not learned.  On a terminal, asks\n"
	"about each rule: allow, audit or skip.  The policy passes \"check\".\n"
	"\n"
	"  --default D        the policy's default: deny (default) or audit\n"
	"  --action A         what the rules do: allow (default) or audit\n"
	"  --collapse N       a directory holding N paths or more of an op\n"
	"                     replaces them (default 5; 0: never)\n"
	"  --merge POLICY     add to POLICY only what it does not decide yet\n"
	"                     (its rules and default, by the kernel's matcher)\n"
	"  -o, --output FILE  write the policy there (default: standard output)\n"
	"  --per-node DIR     one policy per node (node= of a collecting\n"
	"                     auditd's log): DIR/NODE.policy\n"
	"  --batch            ask nothing, even on a terminal\n"
	"  -f, --file, --since, --until, --exe, --op, --decision, --node:\n"
	"                     as for report\n"
	"\n"
	"Exit codes: 0 success, 1 failure, 2 usage error, 3 no uringaudit\n"
	"record matched (nothing written), 4 lines of a log were damaged or\n"
	"records not of this uringaudit ABI (ignored; the policy was written\n"
	"from the rest), 5 a node --node names has no record in the logs.\n"
	"See uringaudit-ctl-learn(8).\n";

/*
 * The socket keys of @s that the grammar has, as rule text.  A send,
 * receive or shutdown is learned by its family: its peer is whoever a
 * connect or accept (learned with their addresses) let in, and a server's
 * peers come from ports no policy can know.
 */
static void socket_keys(const struct learn *l, const struct ua_subject *s,
			char *buf, size_t size)
{
	const char *fam = ua_family_name(s->family);
	bool peer = s->op_idx == URINGAUDIT_OP_SEND ||
		    s->op_idx == URINGAUDIT_OP_RECV ||
		    s->op_idx == URINGAUDIT_OP_SHUTDOWN;
	size_t n = 0;

	buf[0] = '\0';
	if (l->g.family && fam)
		n += snprintf(buf + n, size - n, " family=%s", fam);
	if (peer)
		goto out;
	if (l->g.addr && s->addr && n < size)
		n += snprintf(buf + n, size - n, " addr=%s", s->addr);
	if (l->g.port && s->port >= 0 && n < size)
		snprintf(buf + n, size - n, " port=%ld", s->port);
out:
	memmove(buf, buf + !!buf[0], strlen(buf + !!buf[0]) + 1);
}

/* Whether a merged policy decides @s already: by a rule, or by allowing. */
static bool decided(struct learn *l, const struct ua_subject *s)
{
	const struct uringaudit_rule *rule;
	struct uringaudit_verdict v;
	struct ctl_subject *k = &l->scratch;

	ua_kernel_subject(s, k);
	uringaudit_policy_match(l->merge_pol, &k->s, &v);
	rule = v.rule;
	if (!rule && l->merge_pol->default_action != URINGAUDIT_ALLOW)
		return false;
	l->covered++;
	l->left_denied += rule && rule->action == URINGAUDIT_DENY;
	return true;
}

/* Learn one op class of a record that ran. */
static int learn_op(struct learn *l, const struct ua_record *r,
		    const struct ua_subject *s)
{
	char object[4200], deleted[] = " (deleted)";
	enum obj_kind kind = OBJ_NONE;
	const char *kinds[] = { "path", "socket", "none" };
	struct seen *sn;
	size_t n;

	if (l->merge_pol && decided(l, s))
		return 0;
	if (!s->exe) {
		l->no_exe++;
		return 0;
	}
	snprintf(object, sizeof(object), "%s", s->path ?: "?");
	if (BIT_ULL(s->op_idx) & URINGAUDIT_PATH_OPS) {
		/* A file removed since is named as it was. */
		n = strlen(object);
		if (n > strlen(deleted) &&
		    !strcmp(object + n - strlen(deleted), deleted))
			object[n - strlen(deleted)] = '\0';
		if (object[0] == '/')
			kind = OBJ_PATH;
	} else if (s->op_idx >= URINGAUDIT_OP_SOCKET &&
		   s->op_idx <= URINGAUDIT_OP_SHUTDOWN) {
		kind = OBJ_SOCKET;
		socket_keys(l, s, object, sizeof(object));
	} else {
		object[0] = '\0';
	}
	sn = (struct seen *)table_row(&l->seen, sizeof(*sn), 5, s->exe, s->ctx,
				      s->op, kinds[kind], object);
	if (!sn) {
		fprintf(stderr, "Failed to learn: %s\n", strerror(ENOMEM));
		return EXIT_FAIL;
	}
	if (!sn->count++) {
		sn->first = r->ms;
		sn->last = r->ms;
		sn->op = s->op_idx;
		sn->ctx = s->ctx_idx;
		sn->kind = kind;
		ua_object(s, sn->shown, sizeof(sn->shown));
		/* The record goes, the row stays: names from the row. */
		ua_kernel_subject(s, &sn->subj);
		sn->subj.s.cgroup = NULL;
		sn->subj.s.state[ilog2(URINGAUDIT_MATCH_CGROUP)] =
			URINGAUDIT_VALUE_ABSENT;
		sn->subj.s.path = NULL;
		sn->subj.s.state[ilog2(URINGAUDIT_MATCH_PATH)] =
			URINGAUDIT_VALUE_ABSENT;
		sn->subj.s.state[ilog2(URINGAUDIT_MATCH_PATH_NAME)] =
			URINGAUDIT_VALUE_ABSENT;
		ctl_subject_names(&sn->subj, sn->row.part[0],
				  kind == OBJ_PATH ? sn->row.part[4] : NULL);
	}
	if (r->ms < sn->first)
		sn->first = r->ms;
	if (r->ms > sn->last)
		sn->last = r->ms;
	/* The opcodes, as ",a,b,": each found with its commas. */
	n = strlen(sn->opcodes);
	snprintf(object, sizeof(object), ",%s,", s->opcode ?: "");
	if (s->opcode && !strstr(sn->opcodes, object) &&
	    n + strlen(object) < sizeof(sn->opcodes))
		snprintf(sn->opcodes + n, sizeof(sn->opcodes) - n, "%s",
			 object + !!n);
	return 0;
}

/*
 * A record: each op class it lists (an open that truncated is both), in
 * its context and, for a request issued more than once, in the context it
 * was issued first, where it was decided too.
 */
static int learn_record(const struct ua_record *r, const struct ua_subject *s,
			void *arg)
{
	struct learn *l = arg;
	struct ua_subject one;
	int op, err;

	if (s->first_ctx_idx >= 0 && s->first_ctx_idx != s->ctx_idx && s->ran &&
	    s->op_idx >= 0) {
		one = *s;
		one.ctx_idx = s->first_ctx_idx;
		one.ctx = uringaudit_ctx_names[s->first_ctx_idx];
		one.first_ctx_idx = -1;
		err = learn_record(r, &one, arg);
		if (err)
			return err;
		l->records--;
	}

	l->records++;
	if (!s->ran) {
		l->not_run++;
		return 0;
	}
	if (s->op_idx < 0 || s->ctx_idx < 0) {
		l->unknown++;
		return 0;
	}
	for (op = 0; op < __URINGAUDIT_OP_MAX; op++) {
		if (!(s->ops & BIT_ULL(op)))
			continue;
		one = *s;
		one.op = uringaudit_op_names[op];
		one.op_idx = op;
		one.ops = BIT_ULL(op);
		err = learn_op(l, r, &one);
		if (err)
			return err;
	}
	return 0;
}

/* Action @arg of option @opt: @a or @b; -1 after saying it is neither. */
static int action_arg(const char *opt, const char *arg, int a, int b)
{
	int act = lookup_name(uringaudit_action_names, __URINGAUDIT_ACTION_MAX,
			      arg);
	char msg[80];

	if (act >= 0 && (act == a || act == b))
		return act;
	snprintf(msg, sizeof(msg), "%s expects %s or %s, not \"%%s\"", opt,
		 uringaudit_action_names[a], uringaudit_action_names[b]);
	ua_usage("learn", msg, arg);
	return -1;
}

static int learn_opt(int c, const char *arg, void *ctx)
{
	struct learn *l = ctx;

	switch (c) {
	case 'D':
		l->dflt = action_arg("--default", arg, URINGAUDIT_DENY,
				     URINGAUDIT_AUDIT);
		return l->dflt < 0 ? EXIT_USAGE : 0;
	case 'A':
		l->action = action_arg("--action", arg, URINGAUDIT_ALLOW,
				       URINGAUDIT_AUDIT);
		return l->action < 0 ? EXIT_USAGE : 0;
	case 'c':
		return ua_number("learn", "--collapse", arg, &l->collapse);
	case 'm':
		l->merge = arg;
		return 0;
	case 'o':
		l->output = arg;
		return 0;
	case 'P':
		l->per_node = arg;
		return 0;
	case 'b':
		l->review = false;
		return 0;
	default:
		return ua_usage("learn", "unknown option \"%s\"", arg ?: "?");
	}
}

/* Read and parse the policy of --merge; 0 or EXIT_FAIL. */
static int read_merge(struct learn *l)
{
	l->merge_text = read_all(l->merge, &l->merge_len);
	if (!l->merge_text)
		return EXIT_FAIL;
	l->merge_pol = parse_policy(l->merge, l->merge_text, l->merge_len);
	if (l->merge_pol) {
		ctl_policy_resolve(l->merge_pol, true);
		if (!uringaudit_policy_index(l->merge_pol))
			return 0;
		fprintf(stderr, "Failed to merge into \"%s\": %s\n", l->merge,
			strerror(ENOMEM));
		return EXIT_FAIL;
	}
	fprintf(stderr, "Failed to merge into \"%s\": the policy is invalid\n",
		l->merge);
	return EXIT_FAIL;
}

/* Learn from the logs, write the policy; the exit code. */
static int learn_one(struct learn *l)
{
	int ret, read_ret;

	read_ret = ua_read_logs(&l->o, learn_record, l, &l->sum);
	ret = read_ret == EXIT_DAMAGED ? 0 : read_ret;
	if (!ret && !l->sum.records) {
		fprintf(stderr,
			"No uringaudit record%s in \"%s\": nothing written.\n",
			l->o.nexes || l->o.ops || l->o.nnodes ||
					l->o.since != TIME_MIN ||
					l->o.until != TIME_MAX ?
				" matches" :
				"",
			l->sum.files);
		ret = read_ret ?: EXIT_NO_RECORDS;
	}
	if (!ret)
		ret = make_rules(l);
	if (!ret)
		ret = review_rules(l);
	if (!ret)
		ret = write_policy(l);
	if (!ret)
		ret = read_ret;
	free_rules(l);
	table_free(&l->seen);
	ua_summary_free(&l->sum);
	return ret;
}

/* A read that only notes what the logs hold. */
static int nothing(const struct ua_record *r, const struct ua_subject *s,
		   void *arg)
{
	(void)r;
	(void)s;
	(void)arg;
	return 0;
}

/*
 * --per-node DIR: the nodes whose records pass the filters, then one
 * learn for each, into DIR/NODE.policy.
 */
static int learn_per_node(const struct learn *base)
{
	struct ua_summary sum = {};
	char path[4200];
	struct learn l;
	int ret, worst = 0;
	size_t i;

	ret = ua_read_logs(&base->o, nothing, NULL, &sum);
	if (ret && ret != EXIT_DAMAGED)
		goto out;
	if (!sum.records) {
		fprintf(stderr,
			"No uringaudit record%s in \"%s\": nothing written.\n",
			base->o.nexes || base->o.ops || base->o.nnodes ||
					base->o.since != TIME_MIN ||
					base->o.until != TIME_MAX ?
				" matches" :
				"",
			sum.files);
		ret = ret ?: EXIT_NO_RECORDS;
		goto out;
	}
	for (i = 0; i < sum.nnodes; i++) {
		const char *name = sum.nodes[i].name;

		if (!sum.nodes[i].records)
			continue;
		if (!name || !*name || name[0] == '.' ||
		    strspn(name, "abcdefghijklmnopqrstuvwxyz"
				 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
			    strlen(name)) {
			char safe[300];

			fprintf(stderr,
				"Failed to learn per node into \"%s\": %s%s%s; learn --node NAME -o FILE learns it\n",
				base->per_node,
				name ? "node name \"" :
				       "records without node= (name_format = none on their node)",
				name ? ua_safe(name, safe, sizeof(safe)) : "",
				name ? "\" cannot be a file name" : "");
			worst = EXIT_FAIL;
			continue;
		}
		l = *base;
		l.o.nodes[0] = name;
		l.o.nnodes = 1;
		snprintf(path, sizeof(path), "%s/%s.policy", base->per_node,
			 name);
		l.output = path;
		ret = learn_one(&l);
		if (ret && (!worst || ret == EXIT_FAIL))
			worst = ret;
	}
	ret = worst ?: ret;
out:
	ua_summary_free(&sum);
	return ret;
}

int cmd_learn(int argc, char **argv)
{
	static const struct option opts[] = {
		UA_LONG_OPTIONS,
		{ "default", required_argument, NULL, 'D' },
		{ "action", required_argument, NULL, 'A' },
		{ "collapse", required_argument, NULL, 'c' },
		{ "merge", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ "per-node", required_argument, NULL, 'P' },
		{ "batch", no_argument, NULL, 'b' },
		{},
	};
	struct learn l = {
		.action = URINGAUDIT_ALLOW,
		.dflt = -1,
		.collapse = 5,
		.review = isatty(STDIN_FILENO),
	};
	struct stat st;
	unsigned int i;
	int ret;

	if (wants_help(argc, argv)) {
		printf(learn_help, prog);
		return 0;
	}
	ret = ua_getopt(argc, argv, "o:", opts, &l.o, learn_opt, &l);
	if (ret)
		return ret;
	if (l.per_node && l.output)
		return ua_usage("learn", "%s",
				"--per-node and --output exclude each other");
	if (l.per_node && (stat(l.per_node, &st) || !S_ISDIR(st.st_mode))) {
		int err = access(l.per_node, F_OK) ? errno : ENOTDIR;

		fprintf(stderr, "Failed to learn per node into \"%s\": %s\n",
			l.per_node, strerror(err));
		return EXIT_FAIL;
	}
	for (i = 0; i < l.o.nfiles; i++)
		if (!strcmp(l.o.files[i], "-"))
			l.review = false;
	grammar_probe(&l.g);
	if (l.merge && read_merge(&l))
		return EXIT_FAIL;
	if (l.dflt < 0 && !l.merge)
		l.dflt = URINGAUDIT_DENY;
	ret = l.per_node ? learn_per_node(&l) : learn_one(&l);
	uringaudit_policy_free(l.merge_pol);
	free(l.merge_text);
	return ret;
}
