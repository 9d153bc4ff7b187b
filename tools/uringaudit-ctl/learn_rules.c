// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - learn: the rules that allow what was seen
 *
 * One rule per executable, context and object, naming the ops seen on
 * it.  A file op's object is its path: a path the grammar cannot hold (a
 * blank, a quote, a control byte) becomes its nearest directory that it
 * can, and when a directory holds --collapse paths or more of one
 * executable's op, the directory replaces them, up the tree.  A socket
 * op's object is its family, address and port, as far as the grammar of
 * this build has family=, addr= and port=; each rule is checked with the
 * kernel's parser, and a socket rule it refuses loses its port, then its
 * address, then its family.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "learn.h"

/* Whether @text (the properties of a rule) parses as the kernel would. */
bool rule_parses(const char *text)
{
	struct uringaudit_policy *pol;
	char *line;

	if (asprintf(&line, "allow %s\n", text) < 0)
		return false;
	pol = uringaudit_policy_parse(line, strlen(line), NULL, NULL);
	free(line);
	if (IS_ERR(pol))
		return false;
	uringaudit_policy_free(pol);
	return true;
}

/*
 * Which keys of the socket rules this build's parser takes.  Rules are
 * learned per op class, never per opcode: a program that read with read
 * may read with readv tomorrow; the comment above a rule lists the opcodes
 * seen, for an administrator who wants opcode= as well.
 */
void grammar_probe(struct grammar *g)
{
	g->family = rule_parses("op=connect family=inet");
	g->addr = rule_parses("op=connect addr=127.0.0.1");
	g->port = rule_parses("op=connect port=1");
}

static char *keep(struct learn *l, char *s)
{
	char **more;

	if (!s)
		return NULL;
	more = realloc(l->strings, (l->nstrings + 1) * sizeof(*more));
	if (!more) {
		free(s);
		return NULL;
	}
	l->strings = more;
	l->strings[l->nstrings++] = s;
	return s;
}

/* Whether @path can be the value of path=. */
static bool path_ok(const char *path)
{
	char *text;
	bool ok;

	if (asprintf(&text, "op=open path=%s", path) < 0)
		return false;
	ok = rule_parses(text);
	free(text);
	return ok;
}

/* Cut @path to its directory, in place; "/" stays. */
static void up(char *path)
{
	char *slash = strrchr(path, '/');

	if (slash == path)
		path[1] = '\0';
	else if (slash)
		*slash = '\0';
}

/* @path, or its nearest directory a rule can name; NULL if only "/". */
static char *nameable(const char *path)
{
	char *p = strdup(path);

	while (p && strcmp(p, "/") && !path_ok(p))
		up(p);
	if (p && !strcmp(p, "/") && strcmp(path, "/")) {
		free(p);
		return NULL;
	}
	return p;
}

/* Whether @path is @dir or lies below it. */
static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) &&
	       (path[n] == '\0' || path[n] == '/' || !strcmp(dir, "/"));
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort @p, drop repeats and paths below another of them. */
static void tidy(char **p, size_t *n)
{
	size_t i, j, k = 0;

	qsort(p, *n, sizeof(*p), by_str);
	for (i = 0; i < *n; i++) {
		for (j = 0; j < k && !under(p[i], p[j]); j++)
			;
		if (j < k)
			free(p[i]);
		else
			p[k++] = p[i];
	}
	*n = k;
}

/*
 * Replace the paths of a directory with the directory when it holds
 * @threshold of them or more; again, up the tree, until none does.
 */
static void collapse(char **p, size_t *n, unsigned long threshold)
{
	char parent[4200], other[4200];
	bool changed = true;
	unsigned long count;
	size_t i, j;

	tidy(p, n);
	while (threshold && changed) {
		changed = false;
		for (i = 0; i < *n && !changed; i++) {
			snprintf(parent, sizeof(parent), "%s", p[i]);
			up(parent);
			if (!strcmp(parent, "/") || !strcmp(parent, p[i]))
				continue;
			for (count = 0, j = 0; j < *n; j++) {
				snprintf(other, sizeof(other), "%s", p[j]);
				up(other);
				count += !strcmp(other, parent);
			}
			if (count < threshold)
				continue;
			free(p[i]);
			p[i] = strdup(parent);
			changed = p[i] != NULL;
			tidy(p, n);
		}
	}
}

static int by_key(const void *a, const void *b)
{
	const struct table_row *x = *(const struct table_row *const *)a;
	const struct table_row *y = *(const struct table_row *const *)b;
	int i, c;

	for (i = 0; i < 5; i++) {
		c = strcmp(x->part[i], y->part[i]);
		if (c)
			return c;
	}
	return 0;
}

/* Whether two rows are of the same executable, context, op and kind. */
static bool same_op(const struct table_row *a, const struct table_row *b)
{
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(a->part[i], b->part[i]))
			return false;
	return true;
}

/* The final objects of the path rows [@from, @to) of one exe, ctx, op. */
static int place_paths(struct learn *l, size_t from, size_t to)
{
	char **p = calloc(to - from, sizeof(*p));
	size_t n = 0, i, j;

	if (!p)
		return -ENOMEM;
	for (i = from; i < to; i++) {
		char *name = nameable(l->seen.rows[i]->part[4]);

		if (name)
			p[n++] = name;
	}
	collapse(p, &n, l->collapse);
	for (i = from; i < to; i++) {
		struct seen *s = (struct seen *)l->seen.rows[i];

		s->final = NULL;
		for (j = 0; j < n; j++)
			if (under(s->row.part[4], p[j]))
				s->final = p[j];
	}
	for (j = 0; j < n; j++)
		if (!keep(l, p[j]))
			return -ENOMEM;
	free(p);
	return 0;
}

/* The rule of @s, added if new. */
static struct rule *rule_of(struct learn *l, struct table *index,
			    const struct seen *s)
{
	struct {
		struct table_row row;
		size_t i;
	} * at;
	struct rule *r, *more;

	at = (void *)table_row(index, sizeof(*at), 4, s->row.part[0],
			       s->row.part[1], s->row.part[3], s->final);
	if (!at)
		return NULL;
	if (at->i)
		return &l->rules[at->i - 1];
	more = realloc(l->rules, (l->nrules + 1) * sizeof(*more));
	if (!more)
		return NULL;
	l->rules = more;
	r = &l->rules[l->nrules++];
	memset(r, 0, sizeof(*r));
	at->i = l->nrules;
	r->exe = s->row.part[0];
	r->ctx = s->ctx;
	r->kind = s->kind;
	r->object = s->final;
	r->first = s->first;
	r->last = s->last;
	r->action = l->action;
	return r;
}

/* Add the opcodes of @list (",a,b,") not in @set (the same) to it. */
static void add_opcodes(char *set, size_t size, const char *list)
{
	char one[64];
	const char *p;
	size_t n, len;

	for (p = list + !!*list; *p; p += n + 1) {
		n = strcspn(p, ",");
		snprintf(one, sizeof(one), ",%.*s,", (int)n, p);
		len = strlen(set);
		if (n && !strstr(set, one) && len + n + 2 < size)
			snprintf(set + len, size - len, "%s",
				 one + (len ? 1 : 0));
		if (!p[n])
			break;
	}
}

/* The text of @r, without its action; checked with the parser. */
static char *rule_text(const struct rule *r)
{
	char text[8600], obj[4200];
	size_t n, i;
	const char *sep = " op=";

	n = 0;
	for (i = 0; i < __URINGAUDIT_OP_MAX; i++)
		if (r->ops & BIT_ULL(i)) {
			n += snprintf(text + n, sizeof(text) - n, "%s%s", sep,
				      uringaudit_op_names[i]);
			sep = ",";
		}
	n += snprintf(text + n, sizeof(text) - n, " ctx=%s exe=%s",
		      uringaudit_ctx_names[r->ctx], r->exe);
	if (r->kind == OBJ_PATH)
		n += snprintf(text + n, sizeof(text) - n, " path=%s",
			      r->object);
	snprintf(obj, sizeof(obj), "%s",
		 r->kind == OBJ_SOCKET ? r->object : "");
	for (;;) {
		char *end;

		snprintf(text + n, sizeof(text) - n, "%s%s", *obj ? " " : "",
			 obj);
		if (rule_parses(text + 1))
			return strdup(text + 1);
		/* Socket keys: drop the last one (port, addr, family). */
		end = strrchr(obj, ' ');
		if (!*obj)
			return NULL;
		if (end)
			*end = '\0';
		else
			obj[0] = '\0';
	}
}

static int by_rule(const void *a, const void *b)
{
	const struct rule *x = a, *y = b;
	int c = strcmp(x->exe, y->exe);

	if (c)
		return c;
	if (x->ctx != y->ctx)
		return x->ctx - y->ctx;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return strcmp(x->object, y->object);
}

/**
 * make_rules() - The rules that allow what @l saw
 * @l: The run; its rules are set.
 *
 * Return: 0, or %EXIT_FAIL after saying why.
 */
int make_rules(struct learn *l)
{
	struct table index = {}, objects = {};
	struct {
		struct table_row row;
		bool counted;
	} * obj;
	size_t i, j, k;
	char at[32];

	table_sort(&l->seen, by_key);
	for (i = 0; i < l->seen.n; i = j) {
		const struct seen *s = (const struct seen *)l->seen.rows[i];

		for (j = i + 1;
		     j < l->seen.n && same_op(l->seen.rows[j], &s->row); j++)
			;
		if (s->kind == OBJ_PATH) {
			if (place_paths(l, i, j))
				goto oom;
			continue;
		}
		for (k = i; k < j; k++)
			((struct seen *)l->seen.rows[k])->final =
				s->kind == OBJ_SOCKET ?
					l->seen.rows[k]->part[4] :
					"";
	}
	for (i = 0; i < l->seen.n; i++) {
		struct seen *s = (struct seen *)l->seen.rows[i];
		struct rule *r;

		if (!s->final) {
			l->unnamed += s->count;
			continue;
		}
		r = rule_of(l, &index, s);
		if (!r)
			goto oom;
		r->ops |= BIT_ULL(s->op);
		r->op_count[s->op] += s->count;
		r->count += s->count;
		snprintf(at, sizeof(at), "%zu", (size_t)(r - l->rules));
		obj = (void *)table_row(&objects, sizeof(*obj), 2, at,
					s->row.part[4]);
		if (!obj)
			goto oom;
		r->nobjects += !obj->counted;
		obj->counted = true;
		if (s->first < r->first)
			r->first = s->first;
		if (s->last > r->last)
			r->last = s->last;
		if (!r->example && s->kind == OBJ_SOCKET)
			r->example = s->shown;
		else if (!r->example && strcmp(s->row.part[4], r->object))
			r->example = s->row.part[4];
		add_opcodes(r->opcodes, sizeof(r->opcodes), s->opcodes);
	}
	table_free(&index);
	table_free(&objects);
	if (l->nrules) /* qsort() of NULL is undefined, even of nothing */
		qsort(l->rules, l->nrules, sizeof(*l->rules), by_rule);
	for (i = 0; i < l->nrules; i++) {
		l->rules[i].text = rule_text(&l->rules[i]);
		if (!l->rules[i].text) {
			/* An executable the grammar cannot name. */
			l->rules[i].action = RULE_SKIP;
			l->unnamed += l->rules[i].count;
		}
	}
	/* Each row's rule, for verify_policy(). */
	for (i = 0; i < l->seen.n; i++) {
		struct seen *s = (struct seen *)l->seen.rows[i];
		struct rule key = { .exe = s->row.part[0],
				    .ctx = s->ctx,
				    .kind = s->kind,
				    .object = s->final };
		struct rule *r = s->final ? bsearch(&key, l->rules, l->nrules,
						    sizeof(*r), by_rule) :
					    NULL;

		s->rule = r ? (size_t)(r - l->rules) : (size_t)-1;
	}
	return 0;
oom:
	table_free(&index);
	table_free(&objects);
	fprintf(stderr, "Failed to make the rules: %s\n", strerror(ENOMEM));
	return EXIT_FAIL;
}

/**
 * verify_policy() - Check that a policy allows every op it should
 * @l: The run.
 * @text: The policy.
 * @len: Its length.
 *
 * The kernel's parser must take it, and its matcher must let every op
 * that a rule not skipped was made for run (allow or audit).
 *
 * Return: 0, or %EXIT_FAIL after saying what is wrong: a bug.
 */
int verify_policy(const struct learn *l, const char *text, size_t len)
{
	struct uringaudit_policy *pol = parse_policy("<learned>", text, len);
	const struct uringaudit_rule *rule;
	struct uringaudit_verdict v;
	unsigned long bad = 0;
	size_t i;

	if (!pol) {
		fprintf(stderr,
			"Failed to learn: the policy does not parse (a bug)\n");
		return EXIT_FAIL;
	}
	ctl_policy_resolve(pol, true);
	if (uringaudit_policy_index(pol)) {
		uringaudit_policy_free(pol);
		fprintf(stderr, "Failed to learn: %s\n", strerror(ENOMEM));
		return EXIT_FAIL;
	}
	for (i = 0; i < l->seen.n; i++) {
		const struct seen *s = (const struct seen *)l->seen.rows[i];

		if (s->rule == (size_t)-1 ||
		    l->rules[s->rule].action == RULE_SKIP)
			continue;
		uringaudit_policy_match(pol, &s->subj.s, &v);
		rule = v.rule;
		if ((rule ? rule->action : pol->default_action) ==
		    URINGAUDIT_DENY)
			bad++;
	}
	uringaudit_policy_free(pol);
	if (!bad)
		return 0;
	fprintf(stderr,
		"Failed to learn: the policy would deny %lu of the ops it was made to allow (a bug)\n",
		bad);
	return EXIT_FAIL;
}

void free_rules(struct learn *l)
{
	size_t i;

	for (i = 0; i < l->nrules; i++)
		free(l->rules[i].text);
	free(l->rules);
	for (i = 0; i < l->nstrings; i++)
		free(l->strings[i]);
	free(l->strings);
}
