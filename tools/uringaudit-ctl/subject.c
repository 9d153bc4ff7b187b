// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - Ops described on the command line, and policies
 * resolved as the kernel resolves them
 *
 * The kernel matches path= and exe= rules on objects: the file found at
 * the rule's path when the policy is loaded, and the file an op reaches.
 * explain finds both by stat(2) in the caller's view (the kernel looks in
 * the initial mount namespace), so that it answers as the kernel would for
 * the same files; a path that does not exist is matched by name, as in the
 * kernel.  learn works on records, which name files: it gives each name an
 * identity of its own, so that a name stands for one object.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "kcompat.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "subject.h"

static bool key_at(const char *path, struct uringaudit_key *k)
{
	struct stat st;

	if (stat(path, &st))
		return false;
	k->ino = st.st_ino;
	k->dev = (u32)((major(st.st_dev) << 20) | minor(st.st_dev));
	/* Not known here: the kernel compares it too, for both sides. */
	k->gen = 0;
	return true;
}

/* The identity a name stands for, by name. */
static void key_of_name(const char *name, size_t len, struct uringaudit_key *k)
{
	k->ino = uringaudit_str_hash(name, (u32)len) | 1;
	k->dev = 0;
	k->gen = (u32)len;
}

/* A rule on a file also names what its directory holds under its name. */
static void resolve_leaf(struct uringaudit_rule *r)
{
	char real[PATH_MAX], *slash;
	struct stat st;

	if (stat(r->path, &st) || S_ISDIR(st.st_mode) ||
	    !realpath(r->path, real))
		return;
	slash = strrchr(real, '/');
	r->leaf = strdup(slash + 1);
	if (!r->leaf)
		return;
	if (slash == real)
		slash[1] = '\0';
	else
		*slash = '\0';
	if (!key_at(real, &r->leaf_dir)) {
		free(r->leaf);
		r->leaf = NULL;
	}
}

/**
 * ctl_policy_resolve() - Resolve a policy's path= and exe= rules
 * @pol: The policy, parsed and not yet indexed.
 * @by_name: Give each name an identity of its own, rather than find the
 *	file it names; paths are then matched by name.
 */
void ctl_policy_resolve(struct uringaudit_policy *pol, bool by_name)
{
	u32 i;

	for (i = 0; i < pol->nr_rules; i++) {
		struct uringaudit_rule *r = &pol->rules[i];

		if (r->match & URINGAUDIT_MATCH_EXE) {
			if (by_name) {
				key_of_name(r->exe, r->exe_len, &r->exe_key);
				r->resolved |= URINGAUDIT_RESOLVED_EXE;
			} else if (key_at(r->exe, &r->exe_key)) {
				r->resolved |= URINGAUDIT_RESOLVED_EXE;
			}
		}
		if (!(r->match & URINGAUDIT_MATCH_PATH))
			continue;
		if (r->path_len == 1) {
			r->resolved |= URINGAUDIT_RESOLVED_ANY_PATH;
			continue;
		}
		if (by_name)
			continue;
		r->path_keys = calloc(1, sizeof(*r->path_keys));
		if (r->path_keys && key_at(r->path, r->path_keys)) {
			r->nr_path_keys = 1;
			r->resolved |= URINGAUDIT_RESOLVED_PATH;
			resolve_leaf(r);
		}
	}
}

/**
 * ctl_subject_names() - Set an op's program and object by their names
 * @cs: The op.
 * @exe: The program's path, or NULL.
 * @path: The object's path, or NULL for an op on no file.
 *
 * For a policy resolved by name (ctl_policy_resolve()).
 */
void ctl_subject_names(struct ctl_subject *cs, const char *exe,
		       const char *path)
{
	if (exe) {
		cs->exe = exe;
		key_of_name(exe, strlen(exe), &cs->s.exe);
		cs->s.state[ilog2(URINGAUDIT_MATCH_EXE)] =
			URINGAUDIT_VALUE_KNOWN;
	}
	if (path && path[0] == '/') {
		cs->s.path = path;
		cs->s.nr_obj = 0;
		cs->s.obj = cs->keys;
		cs->s.state[ilog2(URINGAUDIT_MATCH_PATH)] =
			URINGAUDIT_VALUE_KNOWN;
		cs->s.state[ilog2(URINGAUDIT_MATCH_PATH_NAME)] =
			URINGAUDIT_VALUE_KNOWN;
	}
}

/**
 * ctl_subject_init() - An op of a class and opcode, with nothing known
 * @cs: The op.
 * @op: Its class or event.
 * @opcode: Its IORING_OP_*, or %URINGAUDIT_NO_OPCODE.
 *
 * Unset values are absent: rules on them do not match; uid and gid are 0,
 * auid unset, the context inline.
 */
void ctl_subject_init(struct ctl_subject *cs, u32 op, u32 opcode)
{
	u32 bit;

	memset(cs, 0, sizeof(*cs));
	cs->s.op = op;
	cs->s.opcode = opcode;
	cs->s.ctx = URINGAUDIT_CTX_INLINE;
	cs->s.auid = URINGAUDIT_AUID_UNSET;
	for (bit = 0; bit < URINGAUDIT_NR_MATCH; bit++)
		if (BIT(bit) & ~(URINGAUDIT_MATCH_UID | URINGAUDIT_MATCH_GID |
				 URINGAUDIT_MATCH_AUID))
			cs->s.state[bit] = URINGAUDIT_VALUE_ABSENT;
}

static int parse_u32(const char *s, u32 *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || !*s || *end || v > 4294967294UL)
		return -1;
	*out = (u32)v;
	return 0;
}

/* The object at @path and each directory above it. */
static int set_path(struct ctl_subject *cs, const char *path)
{
	char real[PATH_MAX], *slash;
	bool exists;
	u32 n = 0;

	if (path[0] != '/')
		return -1;
	cs->s.path = path;
	cs->s.state[ilog2(URINGAUDIT_MATCH_PATH_NAME)] = URINGAUDIT_VALUE_KNOWN;
	cs->s.state[ilog2(URINGAUDIT_MATCH_PATH)] = URINGAUDIT_VALUE_KNOWN;
	exists = realpath(path, real);
	if (!exists)
		snprintf(real, sizeof(real), "%s", path);
	/* Its name in its directory, for rules on a file. */
	slash = strrchr(real, '/');
	snprintf(cs->name, sizeof(cs->name), "%s", slash + 1);
	cs->s.obj_name = cs->name;
	for (;;) {
		if (n < ARRAY_SIZE(cs->keys) && key_at(real, &cs->keys[n]))
			n++;
		slash = strrchr(real, '/');
		if (!slash || slash == real) {
			if (strcmp(real, "/") && n < ARRAY_SIZE(cs->keys) &&
			    key_at("/", &cs->keys[n]))
				n++;
			break;
		}
		*slash = '\0';
	}
	cs->s.obj = cs->keys;
	cs->s.nr_obj = n;
	/* A name still to be created is in the first directory listed. */
	if (n > !!exists)
		cs->s.obj_dir = &cs->keys[!!exists];
	return 0;
}

static int set_addr(struct ctl_subject *cs, const char *text)
{
	struct uringaudit_addr *a = &cs->s.addr;
	char rule[256];
	struct uringaudit_policy *pol;

	/* The policy parser reads addresses: a rule of one key. */
	snprintf(rule, sizeof(rule), "deny addr=%s\n", text);
	pol = uringaudit_policy_parse(rule, strlen(rule), NULL, NULL);
	if (IS_ERR(pol))
		return -1;
	*a = pol->rules[0].addr;
	if (a->family == URINGAUDIT_AF_UNIX) {
		snprintf(cs->unix_path, sizeof(cs->unix_path), "%s",
			 a->unix_path);
		a->unix_path = cs->unix_path;
	}
	uringaudit_policy_free(pol);
	cs->s.state[ilog2(URINGAUDIT_MATCH_ADDR)] = URINGAUDIT_VALUE_KNOWN;
	if (cs->s.state[ilog2(URINGAUDIT_MATCH_FAMILY)]) {
		cs->s.family = a->family;
		cs->s.state[ilog2(URINGAUDIT_MATCH_FAMILY)] =
			URINGAUDIT_VALUE_KNOWN;
	}
	return 0;
}

/**
 * ctl_subject_set() - Set a value of an op from "key=value"
 * @cs: The op.
 * @arg: ctx=, opcode=, uid=, gid=, auid=, exe=, path=, cgroup=, family=,
 *	addr= or port=; it must outlive @cs.
 *
 * Return: 0, or -1 for an argument that is none of these or a bad value.
 */
int ctl_subject_set(struct ctl_subject *cs, const char *arg)
{
	const char *eq = strchr(arg, '=');
	const char *v = eq ? eq + 1 : "";
	size_t klen = eq ? (size_t)(eq - arg) : 0;
	u32 n;
	int i;

#define KEY(k) (klen == strlen(k) && !strncmp(arg, k, klen))
	if (!eq)
		return -1;
	if (KEY("ctx")) {
		for (i = 0; i < URINGAUDIT_NR_CTX; i++)
			if (!strcmp(v, uringaudit_ctx_names[i]))
				break;
		if (i == URINGAUDIT_NR_CTX)
			return -1;
		cs->s.ctx = i;
	} else if (KEY("opcode")) {
		i = uringaudit_opcode_lookup(v, strlen(v));
		if (i < 0)
			return -1;
		cs->s.opcode = i;
	} else if (KEY("uid")) {
		return parse_u32(v, &cs->s.uid);
	} else if (KEY("gid")) {
		return parse_u32(v, &cs->s.gid);
	} else if (KEY("auid")) {
		if (!strcmp(v, "unset")) {
			cs->s.auid = URINGAUDIT_AUID_UNSET;
			return 0;
		}
		return parse_u32(v, &cs->s.auid);
	} else if (KEY("exe")) {
		/* A program that is not there is no program: not matched. */
		if (v[0] != '/')
			return -1;
		cs->exe = v;
		if (key_at(v, &cs->s.exe))
			cs->s.state[ilog2(URINGAUDIT_MATCH_EXE)] =
				URINGAUDIT_VALUE_KNOWN;
	} else if (KEY("path")) {
		return set_path(cs, v);
	} else if (KEY("cgroup")) {
		if (v[0] != '/')
			return -1;
		cs->s.cgroup = v;
		cs->s.state[ilog2(URINGAUDIT_MATCH_CGROUP)] =
			URINGAUDIT_VALUE_KNOWN;
	} else if (KEY("family")) {
		i = uringaudit_family_lookup(v, strlen(v));
		if (i < 0)
			return -1;
		cs->s.family = i;
		cs->s.state[ilog2(URINGAUDIT_MATCH_FAMILY)] =
			URINGAUDIT_VALUE_KNOWN;
	} else if (KEY("addr")) {
		return set_addr(cs, v);
	} else if (KEY("port")) {
		if (parse_u32(v, &n) || n > 65535)
			return -1;
		cs->s.port = n;
		cs->s.state[ilog2(URINGAUDIT_MATCH_PORT)] =
			URINGAUDIT_VALUE_KNOWN;
	} else {
		return -1;
	}
#undef KEY
	return 0;
}
