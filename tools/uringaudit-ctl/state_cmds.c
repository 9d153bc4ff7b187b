// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - State commands: status, mode, lock and stats
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "ctl.h"

#include <json-c/json.h>
#include <time.h>
#include <unistd.h>
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

/* A number of the status file as JSON, or null. */
static struct json_object *status_num(const char *text, const char *key)
{
	char val[256], *end;
	long long n;

	if (!status_value(text, key, val, sizeof(val)))
		return NULL;
	errno = 0;
	n = strtoll(val, &end, 10);
	if (errno || end == val || *end)
		return NULL;
	return json_object_new_int64(n);
}

/* A word of the status file as JSON, or null. */
static struct json_object *status_str(const char *text, const char *key)
{
	char val[256];

	return status_value(text, key, val, sizeof(val)) ?
		       json_object_new_string(val) :
		       NULL;
}

/*
 * status --json: one object, for a fleet's inventory.  Keys of the status
 * file (uringaudit.h) as JSON: numbers as numbers, locked as a boolean,
 * "policy" true when one is loaded; "active" false (and nothing else)
 * when uringaudit is not in the LSM order.
 */
static int status_json(const char *lsm, int pos, int nlsm)
{
	struct json_object *o = json_object_new_object();
	char val[256], *status = NULL;
	int ret = 0;

	json_object_object_add(o, "active", json_object_new_boolean(pos > 0));
	json_object_object_add(o, "lsm",
			       lsm ? json_object_new_string(lsm) : NULL);
	if (pos > 0) {
		json_object_object_add(o, "lsm_position",
				       json_object_new_int(pos));
		json_object_object_add(o, "lsm_count",
				       json_object_new_int(nlsm));
		status = read_knob("status");
		if (!status)
			ret = EXIT_FAIL;
	}
	if (status) {
		bool loaded =
			status_value(status, "policy", val, sizeof(val)) &&
			!strcmp(val, "loaded");

		json_object_object_add(o, "abi", status_num(status, "abi"));
		json_object_object_add(o, "mediation",
				       status_str(status, "mediation"));
		json_object_object_add(o, "mode", status_str(status, "mode"));
		json_object_object_add(o, "locked",
				       json_object_new_boolean(
					       status_value(status, "locked",
							    val, sizeof(val)) &&
					       !strcmp(val, "1")));
		json_object_object_add(o, "policy",
				       json_object_new_boolean(loaded));
		json_object_object_add(o, "rules",
				       loaded ? status_num(status, "rules") :
						NULL);
		json_object_object_add(
			o, "unresolved",
			loaded ? status_num(status, "unresolved") : NULL);
		json_object_object_add(o, "default",
				       loaded ? status_str(status, "default") :
						NULL);
		json_object_object_add(
			o, "unrecorded",
			loaded ? status_str(status, "unrecorded") : NULL);
		json_object_object_add(o, "digest",
				       loaded ? status_str(status, "digest") :
						NULL);
		json_object_object_add(o, "loaded",
				       loaded ? status_num(status, "loaded") :
						NULL);
		free(status);
	}
	if (!ret)
		puts(json_object_to_json_string_ext(o, CTL_JSON_FLAGS));
	json_object_put(o);
	return ret;
}

int cmd_status(int argc, char **argv)
{
	char lsm_path[4200], val[256], when[64];
	char *lsm, *status, *order = NULL;
	bool json = false;
	size_t len;
	int pos = 0, i = 0;

	if (wants_help(argc, argv)) {
		printf("Usage: %s status [--json]\n\n"
		       "Whether uringaudit is active and where in the LSM order; its\n"
		       "mode, lock, rule count, policy digest and time of last load.\n"
		       "--json prints them as one JSON object (uringaudit-ctl(8)).\n",
		       prog);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "--json"))
		json = true;
	else if (argc != 1)
		return usage_error("status: unexpected argument \"%s\"",
				   argv[1]);
	snprintf(lsm_path, sizeof(lsm_path), "%s/../lsm", root);
	lsm = read_all(lsm_path, &len);
	if (lsm) {
		char *tok, *save = NULL;

		lsm[strcspn(lsm, "\n")] = '\0';
		order = strdup(lsm);
		if (!json)
			printf("lsm order:  %s\n", lsm);
		for (tok = strtok_r(lsm, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			i++;
			if (!strcmp(tok, "uringaudit"))
				pos = i;
		}
		free(lsm);
	}
	if (pos && access(root, F_OK))
		pos = 0;
	if (json) {
		int ret = status_json(order, pos, i);

		free(order);
		return ret ?: pos ? 0 : EXIT_FAIL;
	}
	free(order);
	if (!pos) {
		printf("uringaudit: not active\n");
		fprintf(stderr,
			"Hint: boot with lsm=...,uringaudit (CONFIG_SECURITY_URINGAUDIT=y).\n");
		return EXIT_FAIL;
	}
	printf("uringaudit: active, LSM %d of %d\n", pos, i);
	status = read_knob("status");
	if (!status)
		return EXIT_FAIL;
	printf("mediation:  %s\n",
	       status_value(status, "mediation", val, sizeof(val)) ?: "?");
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
		printf("unresolved: %s (rules whose path or program was not found)\n",
		       status_value(status, "unresolved", val, sizeof(val)) ?:
			       "?");
		printf("unrecorded: %s\n",
		       status_value(status, "unrecorded", val, sizeof(val)) ?:
			       "?");
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

int cmd_mode(int argc, char **argv)
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
	if (check_abi("set mode", argv[1]))
		return EXIT_FAIL;
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

int cmd_lock(int argc, char **argv)
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
	if (check_abi("lock", root))
		return EXIT_FAIL;
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

/* The counters of records: written, lost, ops denied for want of one. */
struct stat_records {
	unsigned long long written, lost, unrecorded_denied;
};

/* The counters as one JSON object. */
static int stats_json(const struct stat_row *rows, size_t nrows,
		      const struct stat_records *rec)
{
	struct json_object *o = json_object_new_object();
	struct json_object *list = json_object_new_array();
	size_t i;

	for (i = 0; i < nrows; i++) {
		struct json_object *row = json_object_new_object();

		json_object_object_add(row, "op",
				       json_object_new_string(rows[i].op));
		json_object_object_add(row, "ctx",
				       json_object_new_string(rows[i].ctx));
		json_object_object_add(row, "allow",
				       json_object_new_uint64(rows[i].n[0]));
		json_object_object_add(row, "audit",
				       json_object_new_uint64(rows[i].n[1]));
		json_object_object_add(row, "deny",
				       json_object_new_uint64(rows[i].n[2]));
		json_object_array_add(list, row);
	}
	json_object_object_add(o, "decisions", list);
	json_object_object_add(o, "records",
			       json_object_new_uint64(rec->written));
	json_object_object_add(o, "records_lost",
			       json_object_new_uint64(rec->lost));
	json_object_object_add(o, "unrecorded_denied",
			       json_object_new_uint64(rec->unrecorded_denied));
	puts(json_object_to_json_string_ext(o, CTL_JSON_FLAGS));
	json_object_put(o);
	return 0;
}

int cmd_stats(int argc, char **argv)
{
	bool json = false, all = false;
	struct stat_records rec = {};
	struct stat_row rows[256];
	size_t nrows = 0, i;
	char *text, *line, *save = NULL;

	if (wants_help(argc, argv)) {
		printf("Usage: %s stats [--json] [--all]\n\n"
		       "Decision counters per op class and context (rows with a count;\n"
		       "--all for every row), records written and lost, and ops denied\n"
		       "because their record could not be written (unrecorded deny).\n",
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
		if (sscanf(line, "records_lost %llu", &rec.lost) == 1 ||
		    sscanf(line, "records %llu", &rec.written) == 1 ||
		    sscanf(line, "unrecorded_denied %llu",
			   &rec.unrecorded_denied) == 1)
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

	if (json)
		return stats_json(rows, nrows, &rec);
	printf("%-16s %-7s %12s %12s %12s\n", "OP", "CTX", "ALLOW", "AUDIT",
	       "DENY");
	for (i = 0; i < nrows; i++)
		printf("%-16s %-7s %12llu %12llu %12llu\n", rows[i].op,
		       rows[i].ctx, rows[i].n[0], rows[i].n[1], rows[i].n[2]);
	printf("records written: %llu, lost: %llu; ops denied unrecorded: %llu\n",
	       rec.written, rec.lost, rec.unrecorded_denied);
	return 0;
}
