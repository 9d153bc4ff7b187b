// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - A uringaudit record as JSON, with its event's key fields
 *
 * uringaudit-ctl-report(8) gives the schema.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "logs.h"

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
	enum ua_kind kind;
};

static const struct pick syscall_pick[] = {
	{ "syscall", UA_NUM }, { "success", UA_WORD }, { "exit", UA_NUM },
	{ "ppid", UA_NUM },    { "pid", UA_NUM },      { "auid", UA_NUM },
	{ "ses", UA_NUM },     { "comm", UA_STR },     { "exe", UA_STR },
	{ "key", UA_STR },
};

static const struct pick uringop_pick[] = {
	{ "uring_op", UA_NUM }, { "success", UA_WORD }, { "exit", UA_NUM },
	{ "items", UA_NUM },	{ "pid", UA_NUM },
};

static const struct pick path_pick[] = {
	{ "item", UA_NUM },
	{ "name", UA_STR },
	{ "inode", UA_NUM },
	{ "nametype", UA_WORD },
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
				ua_decode_as(
					&f, name, pick[i].kind, raw,
					pick[i].kind == UA_STR ?
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
