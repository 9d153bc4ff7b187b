// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - learn: the review of each rule, and the policy written
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "learn.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* What a rule was made from, in words: one line, no newline. */
static void describe(const struct rule *r, char *buf, size_t size)
{
	char first[64], last[64], s[4200];
	size_t n, i;
	const char *sep = " (";

	n = (size_t)snprintf(buf, size, "%lu op%s", r->count,
			     r->count == 1 ? "" : "s");
	for (i = 0; i < __URINGAUDIT_OP_MAX && n < size; i++)
		if (r->op_count[i]) {
			n += snprintf(buf + n, size - n, "%s%s %lu", sep,
				      uringaudit_op_names[i], r->op_count[i]);
			sep = ", ";
		}
	if (n < size && r->kind == OBJ_PATH && r->nobjects > 1)
		n += snprintf(buf + n, size - n, ") on %lu paths, e.g. %s",
			      r->nobjects, ua_safe(r->example, s, sizeof(s)));
	else if (n < size && r->kind == OBJ_PATH && r->example)
		n += snprintf(buf + n, size - n, ") on %s",
			      ua_safe(r->example, s, sizeof(s)));
	else if (n < size && r->kind == OBJ_SOCKET && r->example)
		n += snprintf(buf + n, size - n, ") on %s%s",
			      ua_safe(r->example, s, sizeof(s)),
			      r->nobjects > 1 ? ", ..." : "");
	else if (n < size && r->kind == OBJ_NONE && r->example)
		n += snprintf(buf + n, size - n,
			      ") on what has no path, e.g. %s",
			      ua_safe(r->example, s, sizeof(s)));
	else if (n < size)
		n += snprintf(buf + n, size - n, ")");
	if (n < size && r->opcodes[0])
		n += snprintf(buf + n, size - n, "; opcodes %.*s",
			      (int)strlen(r->opcodes) - 2, r->opcodes + 1);
	ua_format_time(r->first, first, sizeof(first), false);
	ua_format_time(r->last, last, sizeof(last), false);
	if (n < size)
		snprintf(buf + n, size - n, "; first %s, last %s", first, last);
}

/**
 * review_rules() - Ask about each rule: allow, audit or skip
 * @l: The run; when it does not review, nothing is asked.
 *
 * One question a rule, on standard error; the answer is read from
 * standard input (a terminal).
 *
 * Return: 0, or %EXIT_FAIL when the review was quit or ended.
 */
int review_rules(struct learn *l)
{
	char what[8600], answer[64];
	size_t i, asked = 0, total = 0;
	bool rest = false;

	if (!l->review)
		return 0;
	for (i = 0; i < l->nrules; i++)
		total += l->rules[i].action != RULE_SKIP;
	for (i = 0; i < l->nrules && !rest; i++) {
		struct rule *r = &l->rules[i];

		if (r->action == RULE_SKIP)
			continue;
		describe(r, what, sizeof(what));
		fprintf(stderr, "\n[%zu/%zu] %s\n  %s\n  %s %s\n", ++asked,
			total, r->exe, what, uringaudit_action_names[r->action],
			r->text);
		for (;;) {
			fprintf(stderr,
				"(a)llow, a(u)dit, (s)kip, allow the (r)est, (q)uit? [%c] ",
				r->action == URINGAUDIT_AUDIT ? 'u' : 'a');
			if (!fgets(answer, sizeof(answer), stdin) ||
			    answer[0] == 'q') {
				fprintf(stderr,
					"\nFailed to learn: the review stopped at rule %zu of %zu; nothing written\n",
					asked, total);
				return EXIT_FAIL;
			}
			if (answer[0] == '\n')
				break;
			if (strchr("ausr", answer[0]) && answer[1] == '\n') {
				r->action = answer[0] == 'u' ?
						    URINGAUDIT_AUDIT :
					    answer[0] == 's' ? RULE_SKIP :
							       URINGAUDIT_ALLOW;
				rest = answer[0] == 'r';
				break;
			}
		}
	}
	return 0;
}

/* Append to a growing text. */
struct text {
	char *s;
	size_t len, cap;
	bool failed;
};

static __printf(2, 3) void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || t->failed)
		goto fail;
	if (t->len + n + 1 > t->cap) {
		size_t cap = (t->len + n + 1) * 2;
		char *more = realloc(t->s, cap);

		if (!more)
			goto fail;
		t->s = more;
		t->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	t->len += n;
	return;
fail:
	t->failed = true;
}

/* What was not learned, as comment lines, and on stderr. */
static void not_learned(const struct learn *l, struct text *t)
{
	const struct {
		unsigned long n;
		const char *why;
	} * w, why[] = {
		{ l->not_run, "denied ops that did not run" },
		{ l->no_exe, "ops of processes without an executable" },
		{ l->unknown,
		  "ops of an op or context this build does not know" },
		{ l->unnamed,
		  "ops on paths or of executables a rule cannot name" },
		{ l->left_denied, "ops a rule of the merged policy denies" },
	};

	for (w = why; w < why + ARRAY_SIZE(why); w++) {
		if (!w->n)
			continue;
		add(t, "# Not learned: %lu %s.\n", w->n, w->why);
		fprintf(stderr, "Not learned: %lu %s.\n", w->n, w->why);
	}
}

/* The nodes the records came from, when they name any. */
static void nodes_text(const struct learn *l, struct text *t)
{
	const char *sep = "# Nodes: ";
	char safe[300];
	size_t i;

	for (i = 0; i < l->sum.nnodes; i++) {
		if (!l->sum.nodes[i].records || !l->sum.nodes[i].name)
			continue;
		add(t, "%s%s", sep,
		    ua_safe(l->sum.nodes[i].name, safe, sizeof(safe)));
		sep = ", ";
	}
	if (strcmp(sep, "# Nodes: "))
		add(t, ".\n");
}

/* The existing policy, its default line replaced when one was asked. */
static bool merged_text(const struct learn *l, struct text *t)
{
	const char *p = l->merge_text, *end = p + l->merge_len, *eol;
	bool replaced = false;

	for (; p < end; p = eol) {
		const char *w = p + strspn(p, " \t");

		eol = memchr(p, '\n', end - p);
		eol = eol ? eol + 1 : end;
		if (l->dflt >= 0 && !strncmp(w, "default", 7) &&
		    strchr(" \t", w[7]) && w[7]) {
			add(t, "default %s\n",
			    uringaudit_action_names[l->dflt]);
			replaced = true;
			continue;
		}
		add(t, "%.*s", (int)(eol - p), p);
	}
	if (l->merge_len && end[-1] != '\n')
		add(t, "\n");
	return replaced;
}

static void rules_text(const struct learn *l, struct text *t)
{
	const char *exe = NULL;
	char what[8600];
	size_t i;

	for (i = 0; i < l->nrules; i++) {
		const struct rule *r = &l->rules[i];

		if (r->action == RULE_SKIP)
			continue;
		if (!exe || strcmp(exe, r->exe))
			add(t, "\n# %s\n", r->exe);
		exe = r->exe;
		describe(r, what, sizeof(what));
		add(t, "# %s\n%s %s\n", what,
		    uringaudit_action_names[r->action], r->text);
	}
}

/* Write @t to @path whole, through a new file renamed over it. */
static int write_file(const char *path, const struct text *t)
{
	char *tmp;
	int fd, err = 0;

	if (asprintf(&tmp, "%s.XXXXXX", path) < 0)
		return ENOMEM;
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = errno;
		free(tmp);
		return err;
	}
	if (fchmod(fd, 0644) || write(fd, t->s, t->len) != (ssize_t)t->len ||
	    fsync(fd))
		err = errno ?: EIO;
	if (close(fd) && !err)
		err = errno;
	if (!err && rename(tmp, path))
		err = errno;
	if (err)
		unlink(tmp);
	free(tmp);
	return err;
}

/**
 * write_policy() - Write the learned (or merged) policy
 * @l: The run.
 *
 * Return: 0, or %EXIT_FAIL after saying why.
 */
int write_policy(struct learn *l)
{
	char now[64], first[64], last[64];
	struct text t = {};
	size_t i, n = 0;
	bool have_default = false;
	int err, ret;

	ua_format_time((long long)time(NULL) * 1000, now, sizeof(now), false);
	ua_format_time(l->sum.first_ms, first, sizeof(first), false);
	ua_format_time(l->sum.last_ms, last, sizeof(last), false);
	for (i = 0; i < l->nrules; i++)
		n += l->rules[i].action != RULE_SKIP;
	if (l->merge)
		have_default = merged_text(l, &t);
	if (!l->merge || n) {
		add(&t,
		    "%s# %s by uringaudit-ctl learn on %s, from %lu records\n",
		    l->merge ? "\n" : "",
		    l->merge ? "Added" : "uringaudit policy written", now,
		    l->records);
		add(&t, "# (%s to %s) in %s.\n", first, last, l->sum.files);
		nodes_text(l, &t);
		if (!l->merge)
			add(&t,
			    "# Its rules allow what the records show ran, per executable, op,\n"
			    "# context and object; everything else gets the default.\n");
		not_learned(l, &t);
	} else {
		struct text said = {};

		not_learned(l, &said);
		free(said.s);
	}
	if (l->dflt >= 0 && !have_default)
		add(&t, "default %s\n", uringaudit_action_names[l->dflt]);
	rules_text(l, &t);
	if (t.failed) {
		fprintf(stderr, "Failed to learn: %s\n", strerror(ENOMEM));
		free(t.s);
		return EXIT_FAIL;
	}
	ret = verify_policy(l, t.s, t.len);
	if (ret)
		goto out;
	if (!l->output) {
		fwrite(t.s, 1, t.len, stdout);
		if (fflush(stdout)) {
			fprintf(stderr, "Failed to write \"<stdout>\": %s\n",
				strerror(errno));
			ret = EXIT_FAIL;
		}
	} else if ((err = write_file(l->output, &t))) {
		fprintf(stderr, "Failed to write \"%s\": %s\n", l->output,
			strerror(err));
		ret = EXIT_FAIL;
	}
	if (!ret)
		fprintf(stderr, "%s %zu rule%s from %lu records%s%s.\n",
			l->merge ? "Added" : "Learned", n, n == 1 ? "" : "s",
			l->records, l->output ? " to " : "", l->output ?: "");
out:
	free(t.s);
	return ret;
}
