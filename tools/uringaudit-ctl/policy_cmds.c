// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - Policy commands: check, load, show and explain
 *
 * The policy parser and matcher are the kernel's own sources
 * (security/uringaudit/policy_parser.c and policy_match.c), built here
 * unchanged, so that "check" accepts exactly what the kernel accepts.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "ctl.h"

#include <ctype.h>
#include <unistd.h>
struct check_ctx {
	const char *file;
	unsigned int errors;
};

static void print_error(void *arg, u32 line, u32 col, int err, const char *msg)
{
	struct check_ctx *c = arg;

	(void)err;
	c->errors++;
	fprintf(stderr, "%s:%u:%u: %s\n", c->file, line, col, msg);
}

/* Parse @text as the kernel would; print every error.  NULL on errors. */
struct uringaudit_policy *parse_policy(const char *file, const char *text,
				       size_t len)
{
	struct check_ctx c = { .file = strcmp(file, "-") ? file : "<stdin>" };
	struct uringaudit_policy *pol;

	pol = uringaudit_policy_parse(text, len, print_error, &c);
	if (IS_ERR(pol)) {
		if (!c.errors)
			fprintf(stderr, "%s: %s\n", c.file,
				strerror((int)-PTR_ERR(pol)));
		return NULL;
	}
	return pol;
}

int cmd_check(int argc, char **argv)
{
	struct uringaudit_policy *pol;
	size_t len;
	char *text;

	if (wants_help(argc, argv)) {
		printf("Usage: %s check FILE|-\n\n"
		       "Validate a policy with the kernel's own parser. Every error is\n"
		       "printed as FILE:LINE:COL: message. Exit 0 if valid, 1 if not.\n",
		       prog);
		return 0;
	}
	if (argc != 2)
		return usage_error(
			"check: expected one FILE (or - for stdin)%s", "");
	text = read_all(argv[1], &len);
	if (!text)
		return EXIT_FAIL;
	pol = parse_policy(argv[1], text, len);
	free(text);
	if (!pol)
		return EXIT_FAIL;
	printf("%s: valid: %u rules, default %s\n",
	       strcmp(argv[1], "-") ? argv[1] : "<stdin>", pol->nr_rules,
	       uringaudit_action_names[pol->default_action]);
	uringaudit_policy_free(pol);
	return 0;
}

int cmd_load(int argc, char **argv)
{
	struct uringaudit_policy *pol;
	size_t len;
	char *text;
	int err;

	if (wants_help(argc, argv)) {
		printf("Usage: %s load FILE|-\n\n"
		       "Check a policy, then make it the active policy in one write.\n"
		       "A policy the kernel refuses leaves the active one in force.\n",
		       prog);
		return 0;
	}
	if (argc != 2)
		return usage_error("load: expected one FILE (or - for stdin)%s",
				   "");
	text = read_all(argv[1], &len);
	if (!text)
		return EXIT_FAIL;
	pol = parse_policy(argv[1], text, len);
	if (!pol) {
		fprintf(stderr,
			"Failed to load \"%s\": the policy is invalid; the active policy is unchanged\n",
			argv[1]);
		free(text);
		return EXIT_FAIL;
	}
	uringaudit_policy_free(pol);
	if (access(root, F_OK)) {
		fprintf(stderr, "Failed to load \"%s\": %s: %s\n", argv[1],
			root, strerror(errno));
		hint(ENOENT, "write");
		free(text);
		return EXIT_FAIL;
	}
	if (check_abi("load", argv[1])) {
		free(text);
		return EXIT_FAIL;
	}
	if (is_locked()) {
		fprintf(stderr,
			"Failed to load \"%s\": uringaudit is locked until reboot\n",
			argv[1]);
		free(text);
		return EXIT_FAIL;
	}
	err = write_knob("policy", text, len);
	free(text);
	if (err) {
		fprintf(stderr, "Failed to load \"%s\": %s\n", argv[1],
			strerror(err));
		switch (err) {
		case EPERM:
		case EACCES:
			hint(err, "write");
			break;
		case EINVAL:
		case EBADMSG:
		case ERANGE:
		case ENAMETOOLONG:
			fprintf(stderr,
				"Hint: the kernel rejected the policy; its log names the line (dmesg | grep uringaudit).\n");
			break;
		default:
			break;
		}
		return EXIT_FAIL;
	}
	printf("Loaded \"%s\".\n", strcmp(argv[1], "-") ? argv[1] : "<stdin>");
	return 0;
}

int cmd_show(int argc, char **argv)
{
	size_t len;
	char *text;

	if (wants_help(argc, argv)) {
		printf("Usage: %s show\n\nPrint the active policy, in normal form.\n",
		       prog);
		return 0;
	}
	if (argc != 1)
		return usage_error("show: unexpected argument \"%s\"", argv[1]);
	text = read_all(path_of("policy"), &len);
	if (!text)
		return EXIT_FAIL;
	if (!len)
		printf("# no policy loaded: every io_uring op is allowed, unrecorded\n");
	fwrite(text, 1, len, stdout);
	free(text);
	return 0;
}

int lookup_name(const char *const *names, int nr, const char *s)
{
	int i;

	for (i = 0; i < nr; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

static int parse_u32(const char *s, u32 *out)
{
	char *end;
	unsigned long long v;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > 4294967295ULL)
		return -1;
	*out = (u32)v;
	return 0;
}

/*
 * Why @r does not match @s, in words; NULL when it matches.  Each property
 * is tried alone with the kernel's matcher.
 */
static const char *mismatch(const struct uringaudit_rule *r,
			    const struct uringaudit_subject *s, char *buf,
			    size_t size)
{
	struct uringaudit_rule one = *r;
	u32 bit;

	for (bit = 1; bit <= URINGAUDIT_MATCH_PATH; bit <<= 1) {
		if (!(r->match & bit))
			continue;
		one.match = bit;
		if (uringaudit_rule_matches(&one, s))
			continue;
		switch (bit) {
		case URINGAUDIT_MATCH_UID:
			snprintf(buf, size, "uid is %u, not %u", s->uid,
				 r->uid);
			break;
		case URINGAUDIT_MATCH_GID:
			snprintf(buf, size, "gid is %u, not %u", s->gid,
				 r->gid);
			break;
		case URINGAUDIT_MATCH_AUID:
			snprintf(buf, size, "auid is %u, not %u", s->auid,
				 r->auid);
			break;
		case URINGAUDIT_MATCH_EXE:
			snprintf(buf, size, "exe is %s, not %s",
				 s->exe ?: "unknown", r->exe);
			break;
		default:
			snprintf(buf, size, "path %s is not %s or below it",
				 s->path ?: "unknown", r->path);
			break;
		}
		return buf;
	}
	return NULL;
}

int cmd_explain(int argc, char **argv)
{
	struct uringaudit_subject subj = { .ctx = URINGAUDIT_CTX_INLINE };
	const char *policy_file = NULL, *source;
	const struct uringaudit_rule *rule;
	struct uringaudit_policy *pol;
	char buf[8448], why[4200];
	bool ctx_given = false;
	size_t len;
	char *text;
	int i, op, named;

	if (wants_help(argc, argv) || argc < 2) {
		printf("Usage: %s explain OP [ctx=inline|iowq|sqpoll] [uid=N] [gid=N]\n"
		       "       [auid=N|unset] [exe=PATH] [path=PATH] [--policy FILE]\n\n"
		       "Which rule of the policy (the loaded one, or FILE) decides an op\n"
		       "with these properties, and why the rules before it do not.\n"
		       "Unset properties are 0 (auid: unset); ctx defaults to inline.\n",
		       prog);
		return argc < 2 && !wants_help(argc, argv) ? EXIT_USAGE : 0;
	}
	op = lookup_name(uringaudit_op_names, __URINGAUDIT_OP_MAX, argv[1]);
	if (op < 0)
		return usage_error("explain: unknown op class or event \"%s\"",
				   argv[1]);
	subj.op = op;
	subj.auid = URINGAUDIT_AUID_UNSET;
	for (i = 2; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--policy") && i + 1 < argc) {
			policy_file = argv[++i];
		} else if (!strncmp(a, "ctx=", 4)) {
			int c = lookup_name(uringaudit_ctx_names,
					    URINGAUDIT_NR_RULE_CTX, a + 4);
			if (c < 0)
				return usage_error(
					"explain: unknown context \"%s\"",
					a + 4);
			subj.ctx = c;
			ctx_given = true;
		} else if (!strncmp(a, "uid=", 4)) {
			if (parse_u32(a + 4, &subj.uid))
				return usage_error("explain: bad uid \"%s\"",
						   a + 4);
		} else if (!strncmp(a, "gid=", 4)) {
			if (parse_u32(a + 4, &subj.gid))
				return usage_error("explain: bad gid \"%s\"",
						   a + 4);
		} else if (!strncmp(a, "auid=", 5)) {
			if (strcmp(a + 5, "unset") &&
			    parse_u32(a + 5, &subj.auid))
				return usage_error("explain: bad auid \"%s\"",
						   a + 5);
		} else if (!strncmp(a, "exe=", 4)) {
			subj.exe = a + 4;
		} else if (!strncmp(a, "path=", 5)) {
			subj.path = a + 5;
		} else {
			return usage_error(
				"explain: unexpected argument \"%s\"", a);
		}
	}
	source = policy_file ? policy_file : path_of("policy");
	text = read_all(source, &len);
	if (!text)
		return EXIT_FAIL;
	pol = parse_policy(source, text, len);
	free(text);
	if (!pol)
		return EXIT_FAIL;

	printf("op=%s ctx=%s%s uid=%u gid=%u auid=", argv[1],
	       uringaudit_ctx_names[subj.ctx], ctx_given ? "" : " (default)",
	       subj.uid, subj.gid);
	if (subj.auid == URINGAUDIT_AUID_UNSET)
		printf("unset");
	else
		printf("%u", subj.auid);
	printf(" exe=%s path=%s\n", subj.exe ?: "?", subj.path ?: "?");
	rule = uringaudit_policy_match(pol, &subj);
	for (i = 0, named = 0; i < (int)pol->nr_rules; i++)
		named += uringaudit_rule_names(&pol->rules[i], subj.op,
					       subj.ctx);
	printf("%u rules; %u name this op and context\n", pol->nr_rules, named);
	/* The rules before the one that decides, and why they do not. */
	for (i = 0; i < (int)pol->nr_rules; i++) {
		const struct uringaudit_rule *r = &pol->rules[i];

		if (r == rule)
			break;
		if (!uringaudit_rule_names(r, subj.op, subj.ctx))
			continue;
		uringaudit_rule_format(r, buf, sizeof(buf));
		printf("  line %u: %s\n    does not match: %s\n", r->line, buf,
		       mismatch(r, &subj, why, sizeof(why)) ?: "?");
	}
	if (rule) {
		uringaudit_rule_format(rule, buf, sizeof(buf));
		printf("  line %u: %s\n    matches\n", rule->line, buf);
		printf("decision: %s (rule at line %u)\n",
		       uringaudit_action_names[rule->action], rule->line);
	} else {
		printf("decision: %s (no rule matches: the default)\n",
		       uringaudit_action_names[pol->default_action]);
	}
	uringaudit_policy_free(pol);
	return 0;
}
