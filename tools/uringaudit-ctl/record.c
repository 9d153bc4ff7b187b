// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - What a uringaudit record says
 *
 * auparse splits a record into fields; this file decodes them (strings
 * are quoted or hex-encoded, audit's convention for untrusted strings)
 * and maps a record to the subject of a policy decision; recjson.c
 * writes it as JSON.  Fields not known here are kept, as text or number.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "logs.h"

#include <ctype.h>
#include <sys/socket.h>

static const struct {
	const char *name;
	enum ua_kind kind;
} kinds[] = {
	{ "op", UA_WORD },	   { "opcode", UA_WORD },
	{ "ctx", UA_WORD },	   { "decision", UA_WORD },
	{ "permissive", UA_NUM },  { "rule", UA_STR },
	{ "path", UA_STR },	   { "task_path", UA_STR },
	{ "dev", UA_WORD },	   { "ino", UA_NUM },
	{ "family", UA_NUM },	   { "addr", UA_STR },
	{ "port", UA_NUM },	   { "cmd_op", UA_NUM },
	{ "result", UA_NUM },	   { "cgroup", UA_STR },
	{ "reason", UA_STR },	   { "pid", UA_NUM },
	{ "tid", UA_NUM },	   { "comm", UA_STR },
	{ "uid", UA_NUM },	   { "euid", UA_NUM },
	{ "gid", UA_NUM },	   { "egid", UA_NUM },
	{ "auid", UA_NUM },	   { "ses", UA_NUM },
	{ "personality", UA_NUM }, { "origin_pid", UA_NUM },
	{ "origin_comm", UA_STR }, { "origin_exe", UA_STR },
	{ "origin_uid", UA_NUM },  { "res", UA_NUM },
	{ "attempts", UA_NUM },	   { "first_ctx", UA_WORD },
};

static enum ua_kind kind_of(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(kinds[i].name, name))
			return kinds[i].kind;
	return UA_AUTO;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* @s decoded from hex, or NULL when it is not hex. */
static char *unhex(const char *s)
{
	size_t n = strlen(s), i;
	char *out;

	if (!n || n % 2)
		return NULL;
	for (i = 0; i < n; i++)
		if (hexval((unsigned char)s[i]) < 0)
			return NULL;
	out = malloc(n / 2 + 1);
	if (!out)
		return NULL;
	for (i = 0; i < n / 2; i++)
		out[i] = (char)(hexval((unsigned char)s[2 * i]) << 4 |
				hexval((unsigned char)s[2 * i + 1]));
	out[n / 2] = '\0';
	return out;
}

static bool parse_ll(const char *s, long long *out)
{
	char *end;

	if (!*s || (!isdigit((unsigned char)*s) && *s != '-'))
		return false;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return !errno && !*end && end != s;
}

/*
 * Decode @raw, the text of field @name, into @f.  @interp is auparse's
 * decoding of it when auparse knows the field as a string, else NULL.
 */
void ua_decode_as(struct ua_field *f, const char *name, enum ua_kind k,
		  const char *raw, const char *interp)
{
	size_t n = strlen(raw);

	f->name = strdup(name);
	f->value = NULL;
	f->is_num = false;
	if (!strcmp(raw, "?"))
		return;
	if (n >= 2 && raw[0] == '"' && raw[n - 1] == '"') {
		f->value = strndup(raw + 1, n - 2);
		return;
	}
	if (k == UA_STR) {
		f->value = interp ? strdup(interp) : unhex(raw);
		if (!f->value)
			f->value = strdup(raw);
		return;
	}
	f->value = strdup(raw);
	if (k != UA_WORD)
		f->is_num = parse_ll(raw, &f->num);
}

static void decode(struct ua_field *f, const char *name, const char *raw,
		   const char *interp)
{
	ua_decode_as(f, name, kind_of(name), raw, interp);
}

/*
 * A quoted value with blanks (the kernel writes rule="deny op=open"), which
 * auparse splits at each blank: its whole text, quotes included, from the
 * record's text, and in @words the number of auparse fields its other
 * words became (those with an '=' and a value after it).  NULL when it
 * has no closing quote.
 */
static char *quoted_whole(auparse_state_t *au, const char *name,
			  unsigned int *words)
{
	const char *text = auparse_get_record_text(au), *start, *end, *w;
	const char *blank, *eq;
	char key[80];
	int klen;

	klen = snprintf(key, sizeof(key), " %s=\"", name);
	if (!text || klen < 0 || (size_t)klen >= sizeof(key))
		return NULL;
	start = strstr(text, key);
	if (!start)
		return NULL;
	start += klen - 1;
	end = strchr(start + 1, '"');
	if (!end)
		return NULL;
	*words = 0;
	for (w = start + 1; w < end; w++) {
		if (*w != ' ')
			continue;
		blank = memchr(w + 1, ' ', end - w - 1) ?: end;
		eq = memchr(w + 1, '=', blank - w - 1);
		if (eq && eq + 1 < blank)
			(*words)++;
	}
	return strndup(start, end - start + 1);
}

/**
 * ua_decode_fields() - Read the fields of auparse's current record
 * @r: Where they go.
 *
 * auparse splits a record at every blank, also inside quotes: a quoted
 * value with blanks is taken whole from the record's text instead.
 */
void ua_decode_fields(struct ua_record *r)
{
	auparse_state_t *au = r->au;
	unsigned int words;
	char *whole;
	size_t len;
	int type;

	r->nfields = 0;
	if (!auparse_first_field(au))
		return;
	do {
		const char *n = auparse_get_field_name(au);
		const char *v = auparse_get_field_str(au);

		if (!n || !v || !strcmp(n, "type") || !strcmp(n, "node"))
			continue;
		if (r->nfields == UA_MAX_FIELDS)
			break;
		len = strlen(v);
		if (v[0] == '"' && (len == 1 || v[len - 1] != '"')) {
			whole = quoted_whole(au, n, &words);
			if (whole) {
				decode(&r->fields[r->nfields++], n, whole,
				       NULL);
				free(whole);
				while (words-- && auparse_next_field(au) > 0)
					;
				continue;
			}
		}
		type = auparse_get_field_type(au);
		decode(&r->fields[r->nfields++], n, v,
		       type == AUPARSE_TYPE_ESCAPED ||
				       type == AUPARSE_TYPE_ESCAPED_FILE ?
			       auparse_interpret_field(au) :
			       NULL);
	} while (auparse_next_field(au) > 0);
}

void ua_free_fields(struct ua_record *r)
{
	unsigned int i;

	for (i = 0; i < r->nfields; i++) {
		free(r->fields[i].name);
		free(r->fields[i].value);
	}
	r->nfields = 0;
}

const struct ua_field *ua_field(const struct ua_record *r, const char *name)
{
	unsigned int i;

	for (i = 0; i < r->nfields; i++)
		if (!strcmp(r->fields[i].name, name))
			return &r->fields[i];
	return NULL;
}

/* The decoded text of field @name, or NULL when absent or unknown. */
const char *ua_get(const struct ua_record *r, const char *name)
{
	const struct ua_field *f = ua_field(r, name);

	return f ? f->value : NULL;
}

static bool get_num(const struct ua_record *r, const char *name, long long *out)
{
	const struct ua_field *f = ua_field(r, name);

	if (!f || !f->is_num)
		return false;
	*out = f->num;
	return true;
}

/*
 * The op classes of op=, a comma-separated list: their bits into @ops.
 * Returns the first, or -1 when one is unknown to this build.
 */
static int op_list(const char *list, u64 *ops)
{
	char name[64];
	int first = -1, i;
	size_t len;

	*ops = 0;
	for (;;) {
		len = strcspn(list, ",");
		if (len >= sizeof(name))
			return -1;
		memcpy(name, list, len);
		name[len] = '\0';
		i = lookup_name(uringaudit_op_names, __URINGAUDIT_OP_MAX, name);
		if (i < 0)
			return -1;
		if (first < 0)
			first = i;
		*ops |= BIT_ULL(i);
		if (!list[len])
			return first;
		list += len + 1;
	}
}

/**
 * ua_subject_of() - What a uringaudit record says was decided
 * @r: The record.
 * @s: Its subject, pointing into @r.
 *
 * The one place that knows what the fields of a record mean to a policy:
 * op= (the op classes or event: an open that truncates is both) and
 * opcode= (the IORING_OP name), ctx=,
 * decision=, permissive= and res= (whether the op ran), origin_exe= and
 * origin_pid= (the process behind the op, which exe= rules match), euid=,
 * egid= and auid= (what uid=, gid= and auid= rules match), the object
 * (path=, which path= rules match: from the initial mount namespace's
 * root; task_path= is how the task saw it, and is only shown) or family=,
 * addr= and port= for sockets, cgroup= and rule=.  Every field may be
 * missing; what is missing is NULL or -1.
 *
 * Return: 0.
 */
int ua_subject_of(const struct ua_record *r, struct ua_subject *s)
{
	long long n;

	memset(s, 0, sizeof(*s));
	s->op = ua_get(r, "op") ?: "?";
	s->op_idx = op_list(s->op, &s->ops);
	s->opcode = ua_get(r, "opcode");
	s->ctx = ua_get(r, "ctx") ?: "?";
	s->ctx_idx =
		lookup_name(uringaudit_ctx_names, URINGAUDIT_NR_CTX, s->ctx);
	s->first_ctx_idx = ua_get(r, "first_ctx") ?
				   lookup_name(uringaudit_ctx_names,
					       URINGAUDIT_NR_CTX,
					       ua_get(r, "first_ctx")) :
				   -1;
	s->decision = ua_get(r, "decision") ?: "?";
	s->permissive = get_num(r, "permissive", &n) && n;
	if (get_num(r, "res", &n))
		s->ran = n != 0;
	else
		s->ran = strcmp(s->decision, "deny") || s->permissive;
	s->exe = ua_get(r, "origin_exe");
	s->pid = get_num(r, "origin_pid", &n) ? n : -1;
	s->path = ua_get(r, "path");
	s->has_ids = true;
	if (get_num(r, "euid", &n))
		s->uid = (u32)n;
	else
		s->has_ids = false;
	if (get_num(r, "egid", &n))
		s->gid = (u32)n;
	else
		s->has_ids = false;
	if (get_num(r, "auid", &n))
		s->auid = (u32)n;
	else
		s->has_ids = false;
	s->family = get_num(r, "family", &n) ? (int)n : -1;
	s->addr = ua_get(r, "addr");
	s->port = get_num(r, "port", &n) ? (long)n : -1;
	s->cgroup = ua_get(r, "cgroup");
	s->rule = ua_get(r, "rule") ?: "?";
	return 0;
}

/**
 * ua_kernel_subject() - A record's op as the kernel's matcher takes it
 * @s: The record's subject; its op and context must be known.
 * @k: Where the op goes; its strings point into @s.
 *
 * Files and programs are known by their names only: the policy they are
 * matched with must be resolved by name (ctl_policy_resolve()).
 */
void ua_kernel_subject(const struct ua_subject *s, struct ctl_subject *k)
{
	int opcode = s->opcode ? uringaudit_opcode_lookup(s->opcode,
							  strlen(s->opcode)) :
				 -1;
	char arg[4200];

	ctl_subject_init(k, s->op_idx,
			 opcode < 0 ? URINGAUDIT_NO_OPCODE : (u32)opcode);
	k->s.ctx = s->ctx_idx;
	k->s.uid = s->uid;
	k->s.gid = s->gid;
	k->s.auid = s->has_ids ? s->auid : URINGAUDIT_AUID_UNSET;
	ctl_subject_names(k, s->exe, s->path);
	if (s->cgroup && s->cgroup[0] == '/') {
		k->s.cgroup = s->cgroup;
		k->s.state[ilog2(URINGAUDIT_MATCH_CGROUP)] =
			URINGAUDIT_VALUE_KNOWN;
	}
	if (s->family >= 0) {
		k->s.family = (u32)s->family;
		k->s.state[ilog2(URINGAUDIT_MATCH_FAMILY)] =
			URINGAUDIT_VALUE_KNOWN;
	}
	if (s->addr) {
		/* An address the grammar cannot write stays absent. */
		snprintf(arg, sizeof(arg), "addr=%s", s->addr);
		ctl_subject_set(k, arg);
	}
	if (s->port >= 0 && s->port <= 65535) {
		k->s.port = (u32)s->port;
		k->s.state[ilog2(URINGAUDIT_MATCH_PORT)] =
			URINGAUDIT_VALUE_KNOWN;
	}
}

/* The policy grammar's name of an address family, or NULL. */
const char *ua_family_name(int family)
{
	switch (family) {
	case AF_UNIX:
		return "unix";
	case AF_INET:
		return "inet";
	case AF_INET6:
		return "inet6";
	default:
		return NULL;
	}
}

/* The object of @s in a few words: a path, an address, or "-". */
void ua_object(const struct ua_subject *s, char *buf, size_t size)
{
	const char *fam = ua_family_name(s->family);

	if (s->path)
		snprintf(buf, size, "%s", s->path);
	else if (s->addr && s->port >= 0 && s->family == AF_INET6)
		snprintf(buf, size, "%s [%s]:%ld", fam, s->addr, s->port);
	else if (s->addr && s->port >= 0)
		snprintf(buf, size, "%s %s:%ld", fam ?: "?", s->addr, s->port);
	else if (s->addr)
		snprintf(buf, size, "%s %s", fam ?: "?", s->addr);
	else if (s->family >= 0 && fam)
		snprintf(buf, size, "%s", fam);
	else if (s->family >= 0)
		snprintf(buf, size, "family %d", s->family);
	else
		snprintf(buf, size, "-");
}

/**
 * ua_safe() - A string from a record, fit for a terminal or a comment
 * @s: The string; NULL is "?".
 * @buf: Where the result goes.
 * @size: Size of @buf.
 *
 * Control bytes and backslashes are written as \xNN: a record's strings
 * come from untrusted processes.
 *
 * Return: @buf.
 */
const char *ua_safe(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (s = s ?: "?"; *s && n + 5 < size; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f || c == '\\')
			n += sprintf(buf + n, "\\x%02x", c);
		else
			buf[n++] = (char)c;
	}
	buf[n] = '\0';
	return buf;
}
