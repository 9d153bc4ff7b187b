// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - What a uringaudit record says
 *
 * auparse splits a record into fields; this file decodes them (strings
 * are quoted or hex-encoded, audit's convention for untrusted strings),
 * maps a record to the subject of a policy decision, and writes a record
 * as JSON.  Fields not known here are kept, as text or number.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "logs.h"

#include <ctype.h>
#include <sys/socket.h>

/* How a field's text is read. */
enum kind {
	K_AUTO, /* quoted: a string; a decimal integer: a number; else text */
	K_STR, /* an untrusted string: quoted or hex */
	K_NUM, /* a decimal integer */
	K_WORD, /* a word, as it stands */
};

static const struct {
	const char *name;
	enum kind kind;
} kinds[] = {
	{ "op", K_WORD },	  { "opcode", K_WORD },
	{ "ctx", K_WORD },	  { "decision", K_WORD },
	{ "permissive", K_NUM },  { "rule", K_STR },
	{ "path", K_STR },	  { "task_path", K_STR },
	{ "dev", K_WORD },	  { "ino", K_NUM },
	{ "family", K_NUM },	  { "addr", K_STR },
	{ "port", K_NUM },	  { "cmd_op", K_NUM },
	{ "result", K_NUM },	  { "cgroup", K_STR },
	{ "reason", K_STR },	  { "pid", K_NUM },
	{ "tid", K_NUM },	  { "comm", K_STR },
	{ "uid", K_NUM },	  { "euid", K_NUM },
	{ "gid", K_NUM },	  { "egid", K_NUM },
	{ "auid", K_NUM },	  { "ses", K_NUM },
	{ "personality", K_NUM }, { "origin_pid", K_NUM },
	{ "origin_comm", K_STR }, { "origin_exe", K_STR },
	{ "origin_uid", K_NUM },  { "res", K_NUM },
};

static enum kind kind_of(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(kinds[i].name, name))
			return kinds[i].kind;
	return K_AUTO;
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
static void decode_as(struct ua_field *f, const char *name, enum kind k,
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
	if (k == K_STR) {
		f->value = interp ? strdup(interp) : unhex(raw);
		if (!f->value)
			f->value = strdup(raw);
		return;
	}
	f->value = strdup(raw);
	if (k != K_WORD)
		f->is_num = parse_ll(raw, &f->num);
}

static void decode(struct ua_field *f, const char *name, const char *raw,
		   const char *interp)
{
	decode_as(f, name, kind_of(name), raw, interp);
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

/**
 * ua_subject_of() - What a uringaudit record says was decided
 * @r: The record.
 * @s: Its subject, pointing into @r.
 *
 * The one place that knows what the fields of a record mean to a policy:
 * op= (op class or event) and opcode= (the IORING_OP name), ctx=,
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
	s->op_idx =
		lookup_name(uringaudit_op_names, __URINGAUDIT_OP_MAX, s->op);
	s->opcode = ua_get(r, "opcode");
	s->ctx = ua_get(r, "ctx") ?: "?";
	s->ctx_idx = lookup_name(uringaudit_ctx_names, URINGAUDIT_NR_RULE_CTX,
				 s->ctx);
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

/* @s as the kernel's matcher takes it; op and ctx must be known. */
void ua_kernel_subject(const struct ua_subject *s, struct uringaudit_subject *k)
{
	memset(k, 0, sizeof(*k));
	k->op = s->op_idx;
	k->ctx = s->ctx_idx;
	k->uid = s->uid;
	k->gid = s->gid;
	k->auid = s->has_ids ? s->auid : URINGAUDIT_AUID_UNSET;
	k->exe = s->exe;
	k->path = s->path;
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

/* JSON of a field: a number, a string, or null. */
static struct json_object *field_json(const struct ua_field *f)
{
	if (f->is_num)
		return json_object_new_int64(f->num);
	return f->value ? json_object_new_string(f->value) : NULL;
}

/* The fields of the current record that JSON shows, and how. */
struct pick {
	const char *name;
	enum kind kind;
};

static const struct pick syscall_pick[] = {
	{ "syscall", K_NUM }, { "success", K_WORD }, { "exit", K_NUM },
	{ "ppid", K_NUM },    { "pid", K_NUM },	     { "auid", K_NUM },
	{ "ses", K_NUM },     { "comm", K_STR },     { "exe", K_STR },
	{ "key", K_STR },
};

static const struct pick uringop_pick[] = {
	{ "uring_op", K_NUM }, { "success", K_WORD }, { "exit", K_NUM },
	{ "items", K_NUM },    { "pid", K_NUM },
};

static const struct pick path_pick[] = {
	{ "item", K_NUM },
	{ "name", K_STR },
	{ "inode", K_NUM },
	{ "nametype", K_WORD },
};

/* The picked fields of auparse's current record, as an object. */
static struct json_object *picked(auparse_state_t *au, const struct pick *pick,
				  size_t n)
{
	struct json_object *o = json_object_new_object();
	size_t i;

	if (!auparse_first_field(au))
		return o;
	do {
		const char *name = auparse_get_field_name(au);
		const char *raw = auparse_get_field_str(au);
		struct ua_field f;

		for (i = 0; i < n && name && raw; i++) {
			if (strcmp(pick[i].name, name))
				continue;
			if (!strcmp(name, "success")) {
				json_object_object_add(
					o, name,
					json_object_new_boolean(
						!strcmp(raw, "yes")));
			} else if (!strcmp(name, "key") &&
				   !strcmp(raw, "(null)")) {
				json_object_object_add(o, name, NULL);
			} else {
				decode_as(&f, name, pick[i].kind, raw,
					  pick[i].kind == K_STR ?
						  auparse_interpret_field(au) :
						  NULL);
				json_object_object_add(o, name, field_json(&f));
				free(f.name);
				free(f.value);
			}
			if (!strcmp(name, "syscall"))
				json_object_object_add(
					o, "syscall_name",
					json_object_new_string(
						auparse_interpret_field(au) ?:
							"?"));
		}
	} while (auparse_next_field(au) > 0);
	return o;
}

/* Move to field @name of the current record; false when it has none. */
static bool field_here(auparse_state_t *au, const char *name)
{
	const char *n;

	if (!auparse_first_field(au))
		return false;
	do {
		n = auparse_get_field_name(au);
		if (n && !strcmp(n, name))
			return true;
	} while (auparse_next_field(au) > 0);
	return false;
}

/* The other records of @r's event, a few fields of each. */
static struct json_object *event_json(const struct ua_record *r)
{
	struct json_object *ev = json_object_new_object();
	struct json_object *paths = NULL, *others = NULL;
	auparse_state_t *au = r->au;
	const char *v;

	if (!au || !auparse_first_record(au))
		return ev;
	do {
		switch (auparse_get_type(au)) {
		case AUDIT_SYSCALL:
			json_object_object_add(
				ev, "syscall",
				picked(au, syscall_pick,
				       ARRAY_SIZE(syscall_pick)));
			break;
		case AUDIT_URINGOP:
			json_object_object_add(
				ev, "uringop",
				picked(au, uringop_pick,
				       ARRAY_SIZE(uringop_pick)));
			break;
		case AUDIT_PATH:
			if (!paths)
				paths = json_object_new_array();
			json_object_array_add(paths,
					      picked(au, path_pick,
						     ARRAY_SIZE(path_pick)));
			break;
		case AUDIT_CWD:
		case AUDIT_PROCTITLE:
			v = auparse_get_type(au) == AUDIT_CWD ? "cwd" :
								"proctitle";
			if (field_here(au, v))
				json_object_object_add(
					ev, v,
					json_object_new_string(
						auparse_interpret_field(au) ?:
							"?"));
			break;
		case AUDIT_URINGAUDIT:
			break;
		default:
			if (!others)
				others = json_object_new_array();
			v = auparse_get_type_name(au);
			json_object_array_add(
				others,
				v ? json_object_new_string(v) :
				    json_object_new_int(auparse_get_type(au)));
			break;
		}
	} while (auparse_next_record(au) > 0);
	if (paths)
		json_object_object_add(ev, "paths", paths);
	if (others)
		json_object_object_add(ev, "others", others);
	return ev;
}

/**
 * ua_record_json() - A record as one JSON object
 * @r: The record; its auparse state is moved within the event.
 *
 * uringaudit-ctl-report(8) gives the schema.
 *
 * Return: The object, to be released with json_object_put().
 */
struct json_object *ua_record_json(const struct ua_record *r)
{
	struct json_object *o = json_object_new_object();
	char when[64], epoch[32];
	unsigned int i;

	ua_iso_time(r->ms, when, sizeof(when));
	snprintf(epoch, sizeof(epoch), "%lld.%03lld", r->ms / 1000,
		 r->ms % 1000);
	json_object_object_add(o, "type",
			       json_object_new_string(URINGAUDIT_TYPE_NAME));
	json_object_object_add(o, "serial", json_object_new_uint64(r->serial));
	json_object_object_add(o, "time", json_object_new_string(when));
	json_object_object_add(o, "epoch",
			       json_object_new_double_s((double)r->ms / 1000,
							epoch));
	if (r->node)
		json_object_object_add(o, "node",
				       json_object_new_string(r->node));
	for (i = 0; i < r->nfields; i++)
		json_object_object_add(o, r->fields[i].name,
				       field_json(&r->fields[i]));
	json_object_object_add(o, "event", event_json(r));
	return o;
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
