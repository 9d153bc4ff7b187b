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
#include <openssl/evp.h>
#include <unistd.h>

#include "subject.h"

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

/*
 * The digest the kernel gives policy @pol once loaded (status: "digest
 * sha256:HEX"): SHA-256 of its normal form.  @hex gets 64 hex digits;
 * 0, or an errno.
 */
static int policy_digest(const struct uringaudit_policy *pol, char *hex)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	int len = uringaudit_policy_format(pol, NULL, 0);
	char *text = malloc(len + 1);

	if (!text)
		return ENOMEM;
	uringaudit_policy_format(pol, text, len + 1);
	if (!EVP_Digest(text, len, md, &mdlen, EVP_sha256(), NULL) ||
	    mdlen != 32) {
		free(text);
		return EIO;
	}
	free(text);
	for (i = 0; i < mdlen; i++)
		sprintf(hex + 2 * i, "%02x", md[i]);
	return 0;
}

/*
 * The digest of the loaded policy, from the status file: "sha256:HEX" into
 * @buf, "" when none is loaded; 0, or EXIT_FAIL after saying why.
 */
static int loaded_digest(const char *file, char *buf, size_t size)
{
	char *status = read_knob("status"), *line, *save = NULL;
	bool loaded = false;

	buf[0] = '\0';
	if (!status)
		return EXIT_FAIL;
	for (line = strtok_r(status, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!strcmp(line, "policy loaded"))
			loaded = true;
		else if (!strncmp(line, "digest ", 7))
			snprintf(buf, size, "%s", line + 7);
	}
	free(status);
	if (loaded && strncmp(buf, "sha256:", 7)) {
		fprintf(stderr,
			"Failed to apply \"%s\": \"%s\" names no policy digest\n",
			file, path_of("status"));
		return EXIT_FAIL;
	}
	if (!loaded)
		buf[0] = '\0';
	return 0;
}

int cmd_apply(int argc, char **argv)
{
	char digest[72], loaded[160];
	struct uringaudit_policy *pol;
	const char *file;
	size_t len;
	char *text;
	int err;

	if (wants_help(argc, argv)) {
		printf("Usage: %s apply FILE|-\n\n"
		       "Make FILE the active policy unless it is already: check it, compare\n"
		       "the SHA-256 of its normal form with the digest of the loaded policy\n"
		       "(status), and load it only when they differ.  Prints \"unchanged\" or\n"
		       "\"loaded\" and exits 0 either way, so that configuration management\n"
		       "can run it every time; exits 1 on a policy that is invalid or that\n"
		       "the kernel refuses (the active one stays), or when uringaudit is\n"
		       "locked and the policy differs.\n",
		       prog);
		return 0;
	}
	if (argc != 2)
		return usage_error(
			"apply: expected one FILE (or - for stdin)%s", "");
	file = strcmp(argv[1], "-") ? argv[1] : "<stdin>";
	text = read_all(argv[1], &len);
	if (!text)
		return EXIT_FAIL;
	pol = parse_policy(argv[1], text, len);
	if (!pol) {
		fprintf(stderr,
			"Failed to apply \"%s\": the policy is invalid; the active policy is unchanged\n",
			file);
		free(text);
		return EXIT_FAIL;
	}
	memcpy(digest, "sha256:", 7);
	err = policy_digest(pol, digest + 7);
	uringaudit_policy_free(pol);
	if (err) {
		fprintf(stderr, "Failed to apply \"%s\": %s\n", file,
			strerror(err));
		free(text);
		return EXIT_FAIL;
	}
	if (access(root, F_OK)) {
		fprintf(stderr, "Failed to apply \"%s\": %s: %s\n", file, root,
			strerror(errno));
		hint(ENOENT, "write");
		free(text);
		return EXIT_FAIL;
	}
	if (check_abi("apply", file) ||
	    loaded_digest(file, loaded, sizeof(loaded))) {
		free(text);
		return EXIT_FAIL;
	}
	if (!strcmp(loaded, digest)) {
		free(text);
		printf("unchanged\n");
		return 0;
	}
	if (is_locked()) {
		fprintf(stderr,
			"Failed to apply \"%s\": uringaudit is locked until reboot, with another policy (%s)\n",
			file, loaded[0] ? loaded : "none");
		free(text);
		return EXIT_FAIL;
	}
	err = write_knob("policy", text, len);
	free(text);
	if (err) {
		fprintf(stderr, "Failed to apply \"%s\": %s\n", file,
			strerror(err));
		if (err == EPERM || err == EACCES)
			hint(err, "write");
		else
			fprintf(stderr,
				"Hint: the kernel rejected the policy; its log names the line (dmesg | grep uringaudit).\n");
		return EXIT_FAIL;
	}
	printf("loaded\n");
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

static const char *const key_words[URINGAUDIT_NR_MATCH] = {
	"uid",	  "auid",   "gid",  "exe",  "path",
	"cgroup", "family", "addr", "port", "path",
};

/* What the op has for key @bit, in words, for a rule's key that failed. */
static void why_not(const struct uringaudit_rule *r,
		    const struct ctl_subject *cs, u32 bit, char *buf,
		    size_t size)
{
	const struct uringaudit_subject *s = &cs->s;

	if (BIT(bit) == URINGAUDIT_MATCH_EXE &&
	    !(r->resolved & URINGAUDIT_RESOLVED_EXE)) {
		snprintf(
			buf, size,
			"exe=%s did not exist when the policy was read: the rule matches no program",
			r->exe);
		return;
	}
	if (s->state[bit] == URINGAUDIT_VALUE_ABSENT) {
		snprintf(buf, size, "the op has no %s",
			 BIT(bit) == URINGAUDIT_MATCH_EXE && cs->exe ?
				 "program there (exe= does not exist)" :
				 key_words[bit]);
		return;
	}
	switch (BIT(bit)) {
	case URINGAUDIT_MATCH_UID:
		snprintf(buf, size, "uid is %u, not %u", s->uid, r->uid);
		break;
	case URINGAUDIT_MATCH_GID:
		snprintf(buf, size, "gid is %u, not %u", s->gid, r->gid);
		break;
	case URINGAUDIT_MATCH_AUID:
		snprintf(buf, size, "auid is %u, not %u", s->auid, r->auid);
		break;
	case URINGAUDIT_MATCH_EXE:
		snprintf(buf, size, "exe is %s, not %s", cs->exe ?: "?",
			 r->exe);
		break;
	case URINGAUDIT_MATCH_PATH:
	case URINGAUDIT_MATCH_PATH_NAME:
		snprintf(buf, size, "path %s is not %s or below it",
			 s->path ?: "?", r->path);
		break;
	case URINGAUDIT_MATCH_CGROUP:
		snprintf(buf, size, "cgroup %s is not %s or below it",
			 s->cgroup ?: "?", r->cgroup);
		break;
	case URINGAUDIT_MATCH_FAMILY:
		snprintf(buf, size, "family %u is not one the rule names",
			 s->family);
		break;
	case URINGAUDIT_MATCH_PORT:
		snprintf(buf, size, "port %u is not in %u-%u", s->port,
			 r->port_lo, r->port_hi);
		break;
	default:
		snprintf(buf, size, "its %s= does not match", key_words[bit]);
		break;
	}
}

/* Why @r does not decide the op of @cs, in words. */
static const char *mismatch(const struct uringaudit_rule *r,
			    const struct ctl_subject *cs, char *buf,
			    size_t size)
{
	const struct uringaudit_subject *s = &cs->s;
	struct uringaudit_rule one = *r;
	u32 bit, failed;

	if (!uringaudit_rule_names(r, s->op, s->opcode, s->ctx))
		return "it does not name this op, opcode and context";
	/* Each key alone, with the kernel's matcher. */
	for (bit = 0; bit < URINGAUDIT_NR_MATCH; bit++) {
		if (!(r->match & BIT(bit)))
			continue;
		one.match = BIT(bit);
		if (uringaudit_rule_eval(&one, s, &failed) ==
		    URINGAUDIT_NO_MATCH) {
			why_not(r, cs, bit, buf, size);
			return buf;
		}
	}
	return "?";
}

int cmd_explain(int argc, char **argv)
{
	const char *policy_file = NULL, *source;
	struct uringaudit_verdict v;
	struct uringaudit_policy *pol;
	struct ctl_subject *cs;
	char buf[8448], why[4200];
	const char *exe = "?";
	int i, op, opcode, named;
	size_t len;
	char *text;

	if (wants_help(argc, argv) || argc < 2) {
		printf("Usage: %s explain OP|OPCODE [ctx=inline|iowq|sqpoll|taskwork]\n"
		       "       [opcode=NAME] [uid=N] [gid=N] [auid=N|unset] [exe=PATH]\n"
		       "       [path=PATH] [cgroup=PATH] [family=F] [addr=A] [port=N]\n"
		       "       [--policy FILE]\n\n"
		       "Which rule of the policy (the loaded one, or FILE) decides an op\n"
		       "with these properties, and why the rules before it do not.\n"
		       "OP is an op class or event; an opcode (an IORING_OP_ name in\n"
		       "lower case) stands for its class.  uid and gid default to 0, auid\n"
		       "to unset, ctx to inline; other properties are absent.  exe= and\n"
		       "path= name files, found as the kernel finds them.\n",
		       prog);
		return argc < 2 && !wants_help(argc, argv) ? EXIT_USAGE : 0;
	}
	cs = calloc(1, sizeof(*cs));
	if (!cs) {
		fprintf(stderr, "%s: Failed to allocate memory\n", prog);
		return EXIT_FAIL;
	}
	op = lookup_name(uringaudit_op_names, __URINGAUDIT_OP_MAX, argv[1]);
	opcode = uringaudit_opcode_lookup(argv[1], strlen(argv[1]));
	if (op < 0 && opcode < 0) {
		free(cs);
		return usage_error(
			"explain: unknown op class, event or opcode \"%s\"",
			argv[1]);
	}
	if (op < 0)
		op = uringaudit_opcodes[opcode].op;
	ctl_subject_init(cs, op, opcode < 0 ? URINGAUDIT_NO_OPCODE : opcode);
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--policy") && i + 1 < argc) {
			policy_file = argv[++i];
			continue;
		}
		if (!strncmp(argv[i], "exe=", 4))
			exe = argv[i] + 4;
		if (ctl_subject_set(cs, argv[i])) {
			free(cs);
			return usage_error("explain: bad argument \"%s\"",
					   argv[i]);
		}
	}
	source = policy_file ? policy_file : path_of("policy");
	text = read_all(source, &len);
	if (!text) {
		free(cs);
		return EXIT_FAIL;
	}
	pol = parse_policy(source, text, len);
	free(text);
	if (!pol) {
		free(cs);
		return EXIT_FAIL;
	}
	ctl_policy_resolve(pol, false);
	if (uringaudit_policy_index(pol)) {
		fprintf(stderr, "%s: Failed to index \"%s\": out of memory\n",
			prog, source);
		uringaudit_policy_free(pol);
		free(cs);
		return EXIT_FAIL;
	}

	printf("op=%s opcode=%s ctx=%s uid=%u gid=%u auid=",
	       uringaudit_op_names[cs->s.op],
	       cs->s.opcode < URINGAUDIT_NR_OPCODES ?
		       uringaudit_opcodes[cs->s.opcode].name :
		       "?",
	       uringaudit_ctx_names[cs->s.ctx], cs->s.uid, cs->s.gid);
	if (cs->s.auid == URINGAUDIT_AUID_UNSET)
		printf("unset");
	else
		printf("%u", cs->s.auid);
	printf(" exe=%s path=%s cgroup=%s\n", exe, cs->s.path ?: "?",
	       cs->s.cgroup ?: "?");
	uringaudit_policy_match(pol, &cs->s, &v);
	for (i = 0, named = 0; i < (int)pol->nr_rules; i++)
		named += uringaudit_rule_names(&pol->rules[i], cs->s.op,
					       cs->s.opcode, cs->s.ctx);
	printf("%u rules; %u name this op and context\n", pol->nr_rules, named);
	/* The rules before the one that decides, and why they do not. */
	for (i = 0; i < (int)pol->nr_rules; i++) {
		const struct uringaudit_rule *r = &pol->rules[i];

		if (r == v.rule)
			break;
		if (!uringaudit_rule_names(r, cs->s.op, cs->s.opcode,
					   cs->s.ctx))
			continue;
		uringaudit_rule_format(r, buf, sizeof(buf));
		printf("  line %u: %s\n    does not match: %s\n", r->line, buf,
		       mismatch(r, cs, why, sizeof(why)));
	}
	if (v.rule) {
		uringaudit_rule_format(v.rule, buf, sizeof(buf));
		printf("  line %u: %s\n    matches\n", v.rule->line, buf);
		printf("decision: %s (rule at line %u)\n",
		       uringaudit_action_names[v.rule->action], v.rule->line);
	} else {
		printf("decision: %s (no rule matches: the default)\n",
		       uringaudit_action_names[pol->default_action]);
	}
	uringaudit_policy_free(pol);
	free(cs);
	return 0;
}
