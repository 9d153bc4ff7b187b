// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Audit records
 *
 * A record is built as text, in the form audit itself writes: a string a
 * task or a user chose (a name, a path, a rule) is quoted when it holds
 * nothing but printable ASCII other than blanks and quotes, and written in
 * upper-case hex otherwise, as audit_log_untrustedstring() does.  The text
 * then goes to audit with audit_log_start(audit_context(), ...), joining
 * the event of the system call or io_uring operation that runs it, or, with
 * audit off, to the kernel log, rate-limited.
 *
 * A record that cannot be queued is waited for when the context may sleep
 * (audit_log_start() with GFP_KERNEL waits for room in the backlog, as
 * audit_backlog_wait_time says) and otherwise counted lost; audit itself
 * then applies audit_failure.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/errname.h>
#include <linux/fs.h>
#include <linux/hex.h>
#include <linux/init.h>
#include <linux/kdev_t.h>
#include <linux/math.h>
#include <linux/net.h>
#include <linux/printk.h>
#include <linux/random.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <linux/stdarg.h>
#include <linux/string.h>

#include "common.h"
#include "record.h"
#include "stats.h"
#include "task.h"

static bool text_room(struct uringaudit_text *t, size_t more)
{
	size_t cap;
	char *buf;

	if (t->oom)
		return false;
	if (t->len + more + 1 <= t->cap)
		return true;
	cap = max3(t->cap * 2, t->len + more + 1, (size_t)256);
	buf = krealloc(t->buf, cap, GFP_KERNEL_ACCOUNT);
	if (!buf) {
		t->oom = true;
		return false;
	}
	t->buf = buf;
	t->cap = cap;
	return true;
}

/**
 * uringaudit_text_printf() - Add formatted text
 * @t: The text.
 * @fmt: The format, as for printk().
 */
void uringaudit_text_printf(struct uringaudit_text *t, const char *fmt, ...)
{
	va_list args;
	int n;

	/* Formatted once where it fits, which it mostly does. */
	if (!text_room(t, 0))
		return;
	va_start(args, fmt);
	n = vsnprintf(t->buf + t->len, t->cap - t->len, fmt, args);
	va_end(args);
	if (t->len + n < t->cap) {
		t->len += n;
		return;
	}
	t->buf[t->len] = '\0';
	if (!text_room(t, n))
		return;
	va_start(args, fmt);
	t->len += vscnprintf(t->buf + t->len, t->cap - t->len, fmt, args);
	va_end(args);
}

/* What audit writes in hex rather than in quotes. */
static bool untrusted(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == '"' || s[i] < 0x21 || s[i] > 0x7e)
			return true;
	return false;
}

/* " key=value", quoted or in hex as audit writes it. */
static void text_value(struct uringaudit_text *t, const char *key,
		       const char *str, size_t len)
{
	size_t i;
	char *p;

	if (!untrusted(str, len)) {
		uringaudit_text_printf(t, " %s=\"%.*s\"", key, (int)len, str);
		return;
	}
	uringaudit_text_printf(t, " %s=", key);
	if (!text_room(t, 2 * len))
		return;
	p = t->buf + t->len;
	for (i = 0; i < len; i++)
		p = hex_byte_pack_upper(p, str[i]);
	*p = '\0';
	t->len = p - t->buf;
}

/**
 * uringaudit_text_string() - Add " key=value" for a string anyone chose
 * @t: The text.
 * @key: The field.
 * @str: The value, or NULL: then "?".
 * @len: Its length.
 *
 * A value longer than %URINGAUDIT_NAME_MAX bytes is cut there, and
 * " key_len=LEN" follows it with its whole length.
 */
void uringaudit_text_string(struct uringaudit_text *t, const char *key,
			    const char *str, size_t len)
{
	size_t whole = len;

	if (!str) {
		uringaudit_text_printf(t, " %s=?", key);
		return;
	}
	len = min_t(size_t, len, URINGAUDIT_NAME_MAX);
	text_value(t, key, str, len);
	if (len < whole)
		uringaudit_text_printf(t, " %s_len=%zu", key, whole);
}

/**
 * uringaudit_text_free() - Free a text
 * @t: The text.
 */
void uringaudit_text_free(struct uringaudit_text *t)
{
	kfree(t->buf);
	memset(t, 0, sizeof(*t));
}

static void text_reset(struct uringaudit_text *t)
{
	t->len = 0;
	t->oom = false;
	if (t->buf)
		t->buf[0] = '\0';
}

static void text_cstring(struct uringaudit_text *t, const char *key,
			 const char *str)
{
	uringaudit_text_string(t, key, str, str ? strlen(str) : 0);
}

/* " KEY=\"ERRNO\"", or the number without CONFIG_SYMBOLIC_ERRNAME. */
static void text_errno(struct uringaudit_text *t, const char *key,
		       const char *what, int err)
{
	/* errname() of -EFOO is "-EFOO"; the record says "EFOO". */
	const char *name = errname(abs(err));

	if (name)
		uringaudit_text_printf(t, " %s=\"%s%s\"", key, what, name);
	else
		uringaudit_text_printf(t, " %s=\"%s%d\"", key, what, err);
}

/* A field's key for an object of a record: "path", or "path2". */
static const char *obj_key(char *buf, size_t size, const char *key,
			   const char *sfx)
{
	snprintf(buf, size, "%s%s", key, sfx);
	return buf;
}

/*
 * The object's names: from the initial root, and the task's if other,
 * both resolved from the object itself.  With neither (a name past
 * PATH_MAX, out of memory), path_err= says why.
 */
static void log_names(struct uringaudit_text *t,
		      const struct uringaudit_object *obj, const char *sfx)
{
	char *initial, *seen, key[24];
	int err = 0;

	initial = uringaudit_object_name(obj, true, &err);
	seen = uringaudit_object_name(obj, false, &err);
	text_cstring(t, obj_key(key, sizeof(key), "path", sfx),
		     initial ? initial : seen);
	if (initial && seen && strcmp(initial, seen))
		text_cstring(t, obj_key(key, sizeof(key), "task_path", sfx),
			     seen);
	else if (!initial && seen)
		uringaudit_text_printf(t, " path_root%s=task", sfx);
	else if (!initial && !seen && err)
		text_errno(t, obj_key(key, sizeof(key), "path_err", sfx), "",
			   err);
	kfree(initial);
	kfree(seen);
}

static void log_sock(struct uringaudit_text *t,
		     const struct uringaudit_object *obj, u32 op,
		     struct uringaudit_scratch *s, const char *sfx)
{
	const struct uringaudit_sockinfo *si = &s->sock;
	const struct uringaudit_addr *a = &si->addr;
	char key[24];

	if (uringaudit_object_sockinfo(obj, op, &s->sock))
		return;
	uringaudit_text_printf(t, " family%s=%u", sfx, si->family);
	if (!si->has_addr)
		return;
	switch (a->family) {
	case URINGAUDIT_AF_INET:
		uringaudit_text_printf(t, " addr%s=%pI4 port%s=%u", sfx, a->ip,
				       sfx, si->port);
		break;
	case URINGAUDIT_AF_INET6:
		uringaudit_text_printf(t, " addr%s=%pI6c port%s=%u", sfx, a->ip,
				       sfx, si->port);
		break;
	case URINGAUDIT_AF_UNIX:
		uringaudit_text_string(t,
				       obj_key(key, sizeof(key), "addr", sfx),
				       a->unix_path, a->unix_len);
		if (a->has_key)
			uringaudit_text_printf(t, " addr_ino%s=%llu", sfx,
					       a->key.ino);
		break;
	}
}

static void log_object(struct uringaudit_text *t,
		       const struct uringaudit_object *obj, u32 op,
		       struct uringaudit_scratch *s, const char *sfx)
{
	struct inode *inode;

	if (uringaudit_object_is_socket(obj)) {
		log_sock(t, obj, op, s, sfx);
	} else if (uringaudit_object_dentry(obj)) {
		log_names(t, obj, sfx);
		inode = uringaudit_object_inode(obj);
		if (inode)
			uringaudit_text_printf(t, " dev%s=%02x:%02x ino%s=%lu",
					       sfx, MAJOR(inode->i_sb->s_dev),
					       MINOR(inode->i_sb->s_dev), sfx,
					       inode->i_ino);
		else
			uringaudit_text_printf(t, " dev%s=? ino%s=?", sfx, sfx);
	}
	if (obj->has_cmd_op)
		uringaudit_text_printf(t, " cmd_op%s=%u", sfx, obj->cmd_op);
}

/* What a failed value was, for reason=. */
static const char *const key_names[URINGAUDIT_NR_MATCH] = {
	"uid",	  "auid",   "gid",  "exe",  "path",
	"cgroup", "family", "addr", "port", "path",
};

/**
 * uringaudit_record_what() - Write the decision of a record
 * @rec: The record; what it said of an earlier, weaker decision goes.
 * @op: The op class or event decided; op= lists it with the others.
 * @ctx: Its context.
 * @d: The decision: audit or deny.
 *
 * Context: Process context; may sleep.
 */
void uringaudit_record_what(struct uringaudit_record *rec, u32 op, u32 ctx,
			    const struct uringaudit_decision *d)
{
	struct uringaudit_text *t = &rec->what;

	text_reset(t);
	rec->ops |= BIT_ULL(op);
	rec->ctx = ctx;
	rec->action = d->action;
	rec->ruled = d->rule;
	uringaudit_text_printf(t, " decision=%s permissive=%d",
			       uringaudit_action_names[d->action],
			       d->permissive && d->action == URINGAUDIT_DENY);
	if (d->rule) {
		u32 len;
		const char *rule =
			uringaudit_active_rule(d->active, d->rule, &len);

		uringaudit_text_string(t, "rule", rule, len);
	} else {
		uringaudit_text_printf(t, " rule=\"default\"");
	}
	if (d->failed) {
		char what[16];

		snprintf(what, sizeof(what),
			 "%s:", key_names[__ffs(d->failed)]);
		text_errno(t, "reason", what, d->failed_err);
	}
}

/* What tells an object from the op's other one. */
static const void *object_id(const struct uringaudit_object *obj)
{
	struct socket *sock;

	switch (obj->type) {
	case URINGAUDIT_OBJ_SOCKET:
		return obj->sock;
	case URINGAUDIT_OBJ_FILE:
		sock = sock_from_file(obj->file);
		if (sock)
			return sock;
		fallthrough;
	default:
		return uringaudit_object_dentry(obj);
	}
}

/**
 * uringaudit_record_object() - Name an object a decision was about
 * @rec: The record.
 * @obj: The object, or NULL.
 * @op: The op class decided on it: which address of a socket counts.
 * @s: The current task's scratch.
 *
 * The first two objects an op's hooks show are named, each with the most
 * any hook showed of it (the file an open found where the issue knew
 * none, the address a connect used); a third is not.  Every name comes
 * from @obj itself, never from what an earlier decision resolved.
 *
 * Context: Process context; may sleep.
 */
void uringaudit_record_object(struct uringaudit_record *rec,
			      const struct uringaudit_object *obj, u32 op,
			      struct uringaudit_scratch *s)
{
	const u32 detail = uringaudit_object_detail(obj);
	struct uringaudit_record_object *o;
	const void *id;
	u32 i;

	if (!detail)
		return;
	id = object_id(obj);
	for (i = 0; i < URINGAUDIT_RECORD_OBJECTS; i++) {
		o = &rec->objs[i];
		if (!o->used || o->id == id)
			break;
	}
	if (i == URINGAUDIT_RECORD_OBJECTS || (o->used && o->detail > detail))
		return;
	text_reset(&o->text);
	o->used = true;
	o->id = id;
	o->detail = detail;
	log_object(&o->text, obj, op, s, i ? "2" : "");
}

/**
 * uringaudit_record_who() - Write the subject of a record
 * @rec: The record.
 * @who: The op's subject.
 * @s: The current task's scratch.
 *
 * Context: Process context; may sleep.
 */
void uringaudit_record_who(struct uringaudit_record *rec,
			   const struct uringaudit_who *who,
			   struct uringaudit_scratch *s)
{
	const struct uringaudit_origin *origin = who->origin;
	const struct uringaudit_exe *exe = uringaudit_who_exe(who);
	const struct cred *cred = who->cred;
	struct uringaudit_text *t = &rec->who;
	char comm[TASK_COMM_LEN];
	u32 auid, ses;
	char *cgroup;
	int err;

	text_reset(t);
	uringaudit_text_printf(t, " pid=%d tid=%d", task_tgid_nr(current),
			       task_pid_nr(current));
	get_task_comm(comm, current);
	text_cstring(t, "comm", comm);
	uringaudit_text_printf(t, " uid=%u euid=%u",
			       from_kuid(&init_user_ns, cred->uid),
			       from_kuid(&init_user_ns, cred->euid));
	uringaudit_text_printf(t, " gid=%u egid=%u",
			       from_kgid(&init_user_ns, cred->gid),
			       from_kgid(&init_user_ns, cred->egid));
	auid = uringaudit_who_login(who, &ses);
	uringaudit_text_printf(t, " auid=%u ses=%u%s", auid, ses,
			       who->personality ? " personality=1" : "");
	if (origin) {
		uringaudit_text_printf(t, " origin_pid=%d",
				       pid_nr(origin->tgid));
		text_cstring(t, "origin_comm", origin->comm);
	} else {
		get_task_comm(comm, current->group_leader);
		uringaudit_text_printf(t, " origin_pid=%d",
				       task_tgid_nr(current));
		text_cstring(t, "origin_comm", comm);
	}
	text_cstring(t, "origin_exe",
		     exe ? (exe->name ? exe->name : exe->task_name) : NULL);
	if (exe && exe->name && exe->task_name)
		text_cstring(t, "origin_task_exe", exe->task_name);
	else if (exe && !exe->name && exe->task_name)
		uringaudit_text_printf(t, " origin_exe_root=task");
	uringaudit_text_printf(t, " origin_uid=%u",
			       from_kuid(&init_user_ns,
					 origin ? origin->uid :
						  current_real_cred()->uid));
	cgroup = uringaudit_cgroup_name(&err);
	if (cgroup)
		text_cstring(t, "cgroup", cgroup);
	kfree(cgroup);
}

static DEFINE_RATELIMIT_STATE(log_ratelimit, 5 * HZ, 100);

/* A slot for a record: an audit buffer, or a kernel log turn. */
static bool reserve(struct uringaudit_record *rec, gfp_t gfp)
{
	if (rec->reserved)
		return true;
	if (audit_enabled != AUDIT_OFF) {
		rec->ab =
			audit_log_start(audit_context(), gfp, AUDIT_URINGAUDIT);
		rec->reserved = rec->ab;
	} else {
		rec->reserved = __ratelimit(&log_ratelimit);
	}
	return rec->reserved;
}

/**
 * uringaudit_record_reserve() - Hold room for a record before its op runs
 * @rec: The record.
 *
 * For policies that deny an op whose record cannot be written: the audit
 * buffer is taken now, waiting for room in the backlog as audit allows.
 *
 * Context: Process context; may sleep.
 * Return: true when the record is sure to be written.
 */
bool uringaudit_record_reserve(struct uringaudit_record *rec)
{
	return reserve(rec, GFP_KERNEL);
}

/* "op=" and the op classes of @ops, in their order; then "ctx=". */
static void text_ops(struct uringaudit_text *t, u64 ops, u32 ctx)
{
	const char *sep = "op=";
	u32 op;

	for (op = 0; op < __URINGAUDIT_OP_MAX; op++) {
		if (!(ops & BIT_ULL(op)))
			continue;
		uringaudit_text_printf(t, "%s%s", sep, uringaudit_op_names[op]);
		sep = ",";
	}
	uringaudit_text_printf(t, " ctx=%s", uringaudit_ctx_names[ctx]);
}

/**
 * uringaudit_record_emit() - Write a record
 * @rec: The record: its decision and subject.
 * @head: Fields before the decision (e.g. "opcode=read"), or "".
 * @tail: Fields after the subject (e.g. " res=1 result=4"), or "".
 *
 * Context: Process context; may sleep.
 * Return: true when the record went to audit or the kernel log, false when
 * it was lost (counted in the stats file).
 */
bool uringaudit_record_emit(struct uringaudit_record *rec, const char *head,
			    const char *tail)
{
	const char *what = rec->what.buf ? rec->what.buf : "";
	const char *who = rec->who.buf ? rec->who.buf : "";
	const char *obj[URINGAUDIT_RECORD_OBJECTS];
	struct uringaudit_text ops = {};
	size_t len;
	bool ok;
	u32 i;

	text_ops(&ops, rec->ops, rec->ctx);
	ok = ops.buf && !ops.oom && !rec->what.oom && !rec->who.oom;
	len = strlen(head) + ops.len + rec->what.len + rec->who.len +
	      strlen(tail);
	for (i = 0; i < URINGAUDIT_RECORD_OBJECTS; i++) {
		obj[i] = rec->objs[i].text.buf ? rec->objs[i].text.buf : "";
		ok = ok && !rec->objs[i].text.oom;
		len += rec->objs[i].text.len;
	}
	/* Longer than auditd takes: it would be lost there, unseen. */
	ok = ok && len <= URINGAUDIT_RECORD_MAX;
	if (!ok || !reserve(rec, GFP_KERNEL)) {
		uringaudit_text_free(&ops);
		uringaudit_stats_lost();
		return false;
	}
	if (rec->ab) {
		audit_log_format(rec->ab, "%s%s%s%s%s%s%s%s", head,
				 *head ? " " : "", ops.buf, what, obj[0],
				 obj[1], who, tail);
		audit_log_end(rec->ab);
		rec->ab = NULL;
	} else {
		pr_notice("type=%d %s%s%s%s%s%s%s%s\n", AUDIT_URINGAUDIT, head,
			  *head ? " " : "", ops.buf, what, obj[0], obj[1], who,
			  tail);
	}
	uringaudit_text_free(&ops);
	rec->reserved = false;
	uringaudit_stats_recorded();
	return true;
}

/**
 * uringaudit_record_free() - Free a record, written or not
 * @rec: The record.
 */
void uringaudit_record_free(struct uringaudit_record *rec)
{
	u32 i;

	if (rec->ab)
		audit_log_end(rec->ab);
	uringaudit_text_free(&rec->what);
	for (i = 0; i < URINGAUDIT_RECORD_OBJECTS; i++)
		uringaudit_text_free(&rec->objs[i].text);
	uringaudit_text_free(&rec->who);
	memset(rec, 0, sizeof(*rec));
}

static siphash_key_t ring_key __ro_after_init;

/**
 * uringaudit_record_ring() - How records name a ring
 * @ring: The ring.
 *
 * A keyed hash of its address: the same for every record of the ring
 * while it lives, and no kernel address in the log.
 *
 * Return: The ring's name in records.
 */
u64 uringaudit_record_ring(const void *ring)
{
	return siphash_1u64((u64)(unsigned long)ring, &ring_key);
}

static int __init uringaudit_record_init(void)
{
	get_random_bytes(&ring_key, sizeof(ring_key));
	return 0;
}
core_initcall(uringaudit_record_init);
