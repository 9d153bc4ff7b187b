// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - Check, load and inspect uringaudit policy
 *
 * The policy parser and matcher are the kernel's own sources
 * (security/uringaudit/policy_parser.c and policy_match.c), built here
 * unchanged, so that "check" accepts exactly what the kernel accepts.
 *
 * Exit codes: 0 success; 1 failure (invalid policy, refused by the kernel,
 * file errors); 2 usage error.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "kcompat.h"

#include <ctype.h>
#include <fcntl.h>
#include <getopt.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "policy.h"
#include "subject.h"

#ifndef URINGAUDIT_CTL_VERSION
#define URINGAUDIT_CTL_VERSION "0.1"
#endif

#define DEFAULT_ROOT "/sys/kernel/security/uringaudit"
#define ROOT_ENV "URINGAUDIT_ROOT"

#define EXIT_FAIL 1
#define EXIT_USAGE 2

static const char *root = DEFAULT_ROOT;
static const char *prog = "uringaudit-ctl";

static const char usage_text[] =
	"Usage: uringaudit-ctl [--root DIR] COMMAND [ARGS]\n"
	"\n"
	"Check, load and inspect the uringaudit io_uring policy.\n"
	"\n"
	"Commands:\n"
	"  check FILE|-          validate a policy with the kernel's own parser\n"
	"  load FILE|-           check, then make it the active policy\n"
	"  show                  print the active policy\n"
	"  status                is uringaudit active; mode, lock, policy\n"
	"  mode enforce|permissive\n"
	"                        switch the mode\n"
	"  lock [--yes]          freeze policy and mode until reboot\n"
	"  stats [--json] [--all]\n"
	"                        decision counters\n"
	"  explain OP [ctx=C] [uid=N] [gid=N] [auid=N] [exe=P] [path=P]\n"
	"          [--policy FILE]\n"
	"                        which rule decides such an op, and why\n"
	"\n"
	"Options:\n"
	"  --root DIR            uringaudit's securityfs directory\n"
	"                        (default " DEFAULT_ROOT ",\n"
	"                        or $" ROOT_ENV ")\n"
	"  -h, --help            this help; COMMAND --help for a command's\n"
	"  -V, --version         the version\n"
	"\n"
	"Example:\n"
	"  uringaudit-ctl check /etc/uringaudit/policy && \\\n"
	"      uringaudit-ctl load /etc/uringaudit/policy\n"
	"\n"
	"Exit codes: 0 success, 1 failure, 2 usage error.\n"
	"See uringaudit-ctl(8) and uringaudit.policy(5).\n";

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", prog);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry \"%s --help\".\n", prog);
	return EXIT_USAGE;
}

/* Hints for the causes that are common enough to name. */
static void hint(int err, const char *what)
{
	switch (err) {
	case ENOENT:
		if (access(root, F_OK))
			fprintf(stderr,
				"Hint: %s does not exist: is securityfs mounted, and uringaudit in lsm= (see /sys/kernel/security/lsm)?\n",
				root);
		break;
	case EACCES:
	case EPERM:
		if (!strcmp(what, "write"))
			fprintf(stderr,
				"Hint: writing needs root with CAP_MAC_ADMIN, and uringaudit not locked (see \"%s status\").\n",
				prog);
		else
			fprintf(stderr, "Hint: run as root.\n");
		break;
	default:
		break;
	}
}

static char *path_of(const char *name)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s", root, name);
	return path;
}

/* Read a whole file (or stdin for "-") into a NUL-terminated buffer. */
static char *read_all(const char *path, size_t *lenp)
{
	size_t len = 0, cap = 65536;
	char *buf = malloc(cap + 1);
	ssize_t n;
	int fd;

	if (!buf) {
		fprintf(stderr, "Failed to read \"%s\": %s\n", path,
			strerror(ENOMEM));
		return NULL;
	}
	fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	if (fd < 0) {
		int err = errno;

		fprintf(stderr, "Failed to open \"%s\": %s\n", path,
			strerror(err));
		hint(err, "read");
		free(buf);
		return NULL;
	}
	for (;;) {
		if (len == cap) {
			char *more;

			/* A policy is at most 1 MiB: read a little past it. */
			if (cap > 2 * URINGAUDIT_POLICY_MAX_SIZE)
				break;
			cap *= 2;
			more = realloc(buf, cap + 1);
			if (!more) {
				errno = ENOMEM;
				n = -1;
				goto fail;
			}
			buf = more;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (!n)
			break;
		len += n;
	}
	if (fd)
		close(fd);
	buf[len] = '\0';
	*lenp = len;
	return buf;
fail:
	fprintf(stderr, "Failed to read \"%s\": %s\n", path, strerror(errno));
	hint(errno, "read");
	if (fd)
		close(fd);
	free(buf);
	return NULL;
}

/* Read a small securityfs file; return its text without the last '\n'. */
static char *read_knob(const char *name)
{
	size_t len;
	char *text = read_all(path_of(name), &len);

	if (text && len && text[len - 1] == '\n')
		text[len - 1] = '\0';
	return text;
}

/* Write @text to a securityfs file in one write(2); return 0 or errno. */
static int write_knob(const char *name, const char *text, size_t len)
{
	const char *path = path_of(name);
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	n = write(fd, text, len);
	if (n < 0)
		err = errno;
	else if ((size_t)n != len)
		err = EIO;
	close(fd);
	return err;
}

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
static struct uringaudit_policy *parse(const char *file, const char *text,
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

static bool wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

static int cmd_check(int argc, char **argv)
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
	pol = parse(argv[1], text, len);
	free(text);
	if (!pol)
		return EXIT_FAIL;
	printf("%s: valid: %u rules, default %s\n",
	       strcmp(argv[1], "-") ? argv[1] : "<stdin>", pol->nr_rules,
	       uringaudit_action_names[pol->default_action]);
	uringaudit_policy_free(pol);
	return 0;
}

static bool is_locked(void)
{
	char *lock = read_knob("lock");
	bool locked = lock && !strcmp(lock, "1");

	free(lock);
	return locked;
}

static int cmd_load(int argc, char **argv)
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
	pol = parse(argv[1], text, len);
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

static int cmd_show(int argc, char **argv)
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

/* The value of "key value" line @key in @text, or NULL. */
static const char *status_value(const char *text, const char *key, char *buf,
				size_t size)
{
	size_t klen = strlen(key);
	const char *p = text;

	while (p && *p) {
		if (!strncmp(p, key, klen) && p[klen] == ' ') {
			size_t n = strcspn(p + klen + 1, "\n");

			if (n >= size)
				n = size - 1;
			memcpy(buf, p + klen + 1, n);
			buf[n] = '\0';
			return buf;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

static int cmd_status(int argc, char **argv)
{
	char lsm_path[4200], val[256], when[64];
	char *lsm, *status;
	size_t len;
	int pos = 0, i = 0;

	if (wants_help(argc, argv)) {
		printf("Usage: %s status\n\n"
		       "Whether uringaudit is active and where in the LSM order; its\n"
		       "mode, lock, rule count, policy digest and time of last load.\n",
		       prog);
		return 0;
	}
	if (argc != 1)
		return usage_error("status: unexpected argument \"%s\"",
				   argv[1]);
	snprintf(lsm_path, sizeof(lsm_path), "%s/../lsm", root);
	lsm = read_all(lsm_path, &len);
	if (lsm) {
		char *tok, *save = NULL;

		lsm[strcspn(lsm, "\n")] = '\0';
		printf("lsm order:  %s\n", lsm);
		for (tok = strtok_r(lsm, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			i++;
			if (!strcmp(tok, "uringaudit"))
				pos = i;
		}
		free(lsm);
	}
	if (!pos || access(root, F_OK)) {
		printf("uringaudit: not active\n");
		fprintf(stderr,
			"Hint: boot with lsm=...,uringaudit (CONFIG_SECURITY_URINGAUDIT=y).\n");
		return EXIT_FAIL;
	}
	printf("uringaudit: active, LSM %d of %d\n", pos, i);
	status = read_knob("status");
	if (!status)
		return EXIT_FAIL;
	printf("mode:       %s\n",
	       status_value(status, "mode", val, sizeof(val)) ?: "?");
	printf("locked:     %s\n",
	       status_value(status, "locked", val, sizeof(val)) &&
			       !strcmp(val, "1") ?
		       "yes (until reboot)" :
		       "no");
	if (status_value(status, "policy", val, sizeof(val)) &&
	    !strcmp(val, "loaded")) {
		time_t t = 0;

		printf("rules:      %s\n",
		       status_value(status, "rules", val, sizeof(val)) ?: "?");
		printf("default:    %s\n",
		       status_value(status, "default", val, sizeof(val)) ?:
									   "?");
		printf("digest:     %s\n",
		       status_value(status, "digest", val, sizeof(val)) ?: "?");
		if (status_value(status, "loaded", val, sizeof(val)))
			t = (time_t)strtoll(val, NULL, 10);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %Z",
			 localtime(&t));
		printf("loaded:     %s\n", t ? when : "?");
	} else {
		printf("policy:     none (every io_uring op is allowed, unrecorded)\n");
	}
	free(status);
	return 0;
}

static int cmd_mode(int argc, char **argv)
{
	int err;

	if (wants_help(argc, argv)) {
		printf("Usage: %s mode [enforce|permissive]\n\n"
		       "Print the mode, or switch it. In permissive mode a deny is only\n"
		       "recorded (decision=deny permissive=1) and the op runs.\n",
		       prog);
		return 0;
	}
	if (argc == 1) {
		char *mode = read_knob("mode");

		if (!mode)
			return EXIT_FAIL;
		printf("%s\n", mode);
		free(mode);
		return 0;
	}
	if (argc != 2 ||
	    (strcmp(argv[1], "enforce") && strcmp(argv[1], "permissive")))
		return usage_error(
			"mode: expected enforce or permissive, not \"%s\"",
			argc > 1 ? argv[1] : "");
	if (is_locked()) {
		fprintf(stderr,
			"Failed to set mode \"%s\": uringaudit is locked until reboot\n",
			argv[1]);
		return EXIT_FAIL;
	}
	err = write_knob("mode", argv[1], strlen(argv[1]));
	if (err) {
		fprintf(stderr, "Failed to set mode \"%s\": %s\n", argv[1],
			strerror(err));
		hint(err, "write");
		return EXIT_FAIL;
	}
	printf("Mode: %s.\n", argv[1]);
	return 0;
}

static int cmd_lock(int argc, char **argv)
{
	bool yes = false;
	char answer[16];
	int i, err;

	if (wants_help(argc, argv)) {
		printf("Usage: %s lock [--yes]\n\n"
		       "Freeze the policy and the mode until reboot. Asks first, unless\n"
		       "--yes is given; without a terminal, --yes is required.\n",
		       prog);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--yes") || !strcmp(argv[i], "-y"))
			yes = true;
		else
			return usage_error("lock: unexpected argument \"%s\"",
					   argv[i]);
	}
	if (!yes) {
		if (!isatty(STDIN_FILENO)) {
			fprintf(stderr,
				"Failed to lock: no terminal to confirm on; pass --yes\n");
			return EXIT_USAGE;
		}
		printf("Lock uringaudit's policy and mode until reboot? [y/N] ");
		fflush(stdout);
		if (!fgets(answer, sizeof(answer), stdin) ||
		    (answer[0] != 'y' && answer[0] != 'Y')) {
			printf("Not locked.\n");
			return EXIT_FAIL;
		}
	}
	err = write_knob("lock", "1", 1);
	if (err) {
		fprintf(stderr, "Failed to lock \"%s\": %s\n", path_of("lock"),
			strerror(err));
		hint(err, "write");
		return EXIT_FAIL;
	}
	printf("Locked until reboot.\n");
	return 0;
}

struct stat_row {
	char op[32];
	char ctx[16];
	unsigned long long n[3];
};

static int cmd_stats(int argc, char **argv)
{
	bool json = false, all = false;
	unsigned long long records = 0, lost = 0;
	struct stat_row rows[128];
	size_t nrows = 0, i;
	char *text, *line, *save = NULL;

	if (wants_help(argc, argv)) {
		printf("Usage: %s stats [--json] [--all]\n\n"
		       "Decision counters per op class and context (rows with a count;\n"
		       "--all for every row), and records written and lost.\n",
		       prog);
		return 0;
	}
	for (i = 1; i < (size_t)argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (!strcmp(argv[i], "--all"))
			all = true;
		else
			return usage_error("stats: unexpected argument \"%s\"",
					   argv[i]);
	}
	text = read_knob("stats");
	if (!text)
		return EXIT_FAIL;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		struct stat_row r;

		if (line[0] == '#')
			continue;
		if (sscanf(line, "records_lost %llu", &lost) == 1 ||
		    sscanf(line, "records %llu", &records) == 1)
			continue;
		if (sscanf(line, "%31s %15s %llu %llu %llu", r.op, r.ctx,
			   &r.n[0], &r.n[1], &r.n[2]) != 5) {
			fprintf(stderr, "Failed to parse \"%s\": line \"%s\"\n",
				path_of("stats"), line);
			free(text);
			return EXIT_FAIL;
		}
		if ((all || r.n[0] + r.n[1] + r.n[2]) &&
		    nrows < ARRAY_SIZE(rows))
			rows[nrows++] = r;
	}
	free(text);

	if (json) {
		printf("{\"decisions\": [");
		for (i = 0; i < nrows; i++)
			printf("%s{\"op\": \"%s\", \"ctx\": \"%s\", \"allow\": %llu, \"audit\": %llu, \"deny\": %llu}",
			       i ? ", " : "", rows[i].op, rows[i].ctx,
			       rows[i].n[0], rows[i].n[1], rows[i].n[2]);
		printf("], \"records\": %llu, \"records_lost\": %llu}\n",
		       records, lost);
		return 0;
	}
	printf("%-16s %-7s %12s %12s %12s\n", "OP", "CTX", "ALLOW", "AUDIT",
	       "DENY");
	for (i = 0; i < nrows; i++)
		printf("%-16s %-7s %12llu %12llu %12llu\n", rows[i].op,
		       rows[i].ctx, rows[i].n[0], rows[i].n[1], rows[i].n[2]);
	printf("records written: %llu, lost: %llu\n", records, lost);
	return 0;
}

static int lookup_name(const char *const *names, int nr, const char *s)
{
	int i;

	for (i = 0; i < nr; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}


static const char *const key_words[URINGAUDIT_NR_MATCH] = {
	"uid", "auid", "gid", "exe", "path", "cgroup", "family", "addr",
	"port", "path",
};

/* Why @r does not decide @s, in words. */
static const char *mismatch(const struct uringaudit_rule *r,
			    const struct uringaudit_subject *s, char *buf,
			    size_t size)
{
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
			snprintf(buf, size, "its %s= does not match",
				 key_words[bit]);
			return buf;
		}
	}
	return "?";
}

static int cmd_explain(int argc, char **argv)
{
	const char *policy_file = NULL, *source;
	struct uringaudit_verdict v;
	struct uringaudit_policy *pol;
	struct ctl_subject *cs;
	char buf[8448], why[128];
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
		return usage_error("explain: unknown op class, event or opcode \"%s\"",
				   argv[1]);
	}
	if (op < 0)
		op = uringaudit_opcodes[opcode].op;
	ctl_subject_init(cs, op, opcode < 0 ? URINGAUDIT_NO_OPCODE : opcode);
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--policy") && i + 1 < argc) {
			policy_file = argv[++i];
		} else if (ctl_subject_set(cs, argv[i])) {
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
	pol = parse(source, text, len);
	free(text);
	if (!pol) {
		free(cs);
		return EXIT_FAIL;
	}
	ctl_policy_resolve(pol);
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
	printf(" path=%s cgroup=%s\n", cs->s.path ?: "?", cs->s.cgroup ?: "?");
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
		       mismatch(r, &cs->s, why, sizeof(why)));
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

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "check", cmd_check }, { "load", cmd_load },
	{ "show", cmd_show },	{ "status", cmd_status },
	{ "mode", cmd_mode },	{ "lock", cmd_lock },
	{ "stats", cmd_stats }, { "explain", cmd_explain },
};

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{},
	};
	const char *env = getenv(ROOT_ENV);
	size_t i;
	int c;

	if (env && *env)
		root = env;
	/* Options before the command only: the command parses the rest. */
	while ((c = getopt_long(argc, argv, "+hV", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			root = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case 'V':
			printf("uringaudit-ctl %s (ABI %d)\n",
			       URINGAUDIT_CTL_VERSION, URINGAUDIT_CTL_ABI);
			return 0;
		default:
			fprintf(stderr, "Try \"%s --help\".\n", prog);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return usage_error("expected a command%s", "");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[optind], commands[i].name))
			return commands[i].fn(argc - optind, argv + optind);
	return usage_error("unknown command \"%s\"", argv[optind]);
}
