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

#include <crypto/sha2.h>
#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/errname.h>
#include <linux/fs.h>
#include <linux/hex.h>
#include <linux/kdev_t.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
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
	buf = krealloc(t->buf, cap, GFP_KERNEL);
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

	va_start(args, fmt);
	n = vsnprintf(NULL, 0, fmt, args);
	va_end(args);
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

/**
 * uringaudit_text_string() - Add " key=value" for a string anyone chose
 * @t: The text.
 * @key: The field.
 * @str: The value, or NULL: then "?".
 * @len: Its length.
 */
void uringaudit_text_string(struct uringaudit_text *t, const char *key,
			    const char *str, size_t len)
{
	size_t i;
	char *p;

	if (!str) {
		uringaudit_text_printf(t, " %s=?", key);
		return;
	}
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

/* The object's names: from the initial root, and the task's if other. */
static void log_names(struct uringaudit_text *t,
		      const struct uringaudit_object *obj,
		      struct uringaudit_scratch *s)
{
	char *initial, *seen;
	int err;

	initial = s->path ? s->path : uringaudit_object_name(obj, true, &err);
	seen = uringaudit_object_name(obj, false, &err);
	text_cstring(t, "path", initial ? initial : seen);
	if (initial && seen && strcmp(initial, seen))
		text_cstring(t, "task_path", seen);
	else if (!initial && seen)
		uringaudit_text_printf(t, " path_root=task");
	if (initial != s->path)
		kfree(initial);
	kfree(seen);
}

static void log_sock(struct uringaudit_text *t,
		     const struct uringaudit_object *obj, u32 op,
		     struct uringaudit_scratch *s)
{
	const struct uringaudit_sockinfo *si = &s->sock;
	const struct uringaudit_addr *a = &si->addr;

	if (uringaudit_object_sockinfo(obj, op, &s->sock))
		return;
	uringaudit_text_printf(t, " family=%u", si->family);
	if (!si->has_addr)
		return;
	switch (a->family) {
	case URINGAUDIT_AF_INET:
		uringaudit_text_printf(t, " addr=%pI4 port=%u", a->ip,
				       si->port);
		break;
	case URINGAUDIT_AF_INET6:
		uringaudit_text_printf(t, " addr=%pI6c port=%u", a->ip,
				       si->port);
		break;
	case URINGAUDIT_AF_UNIX:
		uringaudit_text_string(t, "addr", a->unix_path, a->unix_len);
		break;
	}
}

static void log_object(struct uringaudit_text *t,
		       const struct uringaudit_object *obj, u32 op,
		       struct uringaudit_scratch *s)
{
	struct inode *inode;

	if (!obj)
		return;
	if (uringaudit_object_is_socket(obj)) {
		log_sock(t, obj, op, s);
	} else if (uringaudit_object_dentry(obj)) {
		log_names(t, obj, s);
		inode = uringaudit_object_inode(obj);
		if (inode)
			uringaudit_text_printf(t, " dev=%02x:%02x ino=%lu",
					       MAJOR(inode->i_sb->s_dev),
					       MINOR(inode->i_sb->s_dev),
					       inode->i_ino);
		else
			uringaudit_text_printf(t, " dev=? ino=?");
	}
	if (obj->has_cmd_op)
		uringaudit_text_printf(t, " cmd_op=%u", obj->cmd_op);
}

/* What a failed value was, for reason=. */
static const char *const key_names[URINGAUDIT_NR_MATCH] = {
	"uid",	  "auid",   "gid",  "exe",  "path",
	"cgroup", "family", "addr", "port", "path",
};

/**
 * uringaudit_record_what() - Write the decision and object of a record
 * @rec: The record; what it said of an earlier, weaker decision goes.
 * @op: The op class or event decided.
 * @ctx: Its context.
 * @d: The decision: audit or deny.
 * @obj: Its object, or NULL.
 * @s: The current task's scratch, with what the decision resolved.
 *
 * Context: Process context; may sleep.
 */
void uringaudit_record_what(struct uringaudit_record *rec, u32 op, u32 ctx,
			    const struct uringaudit_decision *d,
			    const struct uringaudit_object *obj,
			    struct uringaudit_scratch *s)
{
	struct uringaudit_text *t = &rec->what;

	text_reset(t);
	rec->action = d->action;
	rec->detail = uringaudit_object_detail(obj);
	uringaudit_text_printf(t, "op=%s ctx=%s decision=%s permissive=%d",
			       uringaudit_op_names[op],
			       uringaudit_ctx_names[ctx],
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
	log_object(t, obj, op, s);
	if (d->failed) {
		u32 bit = __ffs(d->failed);
		const char *err = errname(d->failed_err);

		if (err)
			uringaudit_text_printf(t, " reason=\"%s:%s\"",
					       key_names[bit], err);
		else
			uringaudit_text_printf(t, " reason=\"%s:%d\"",
					       key_names[bit], d->failed_err);
	}
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
	uringaudit_text_printf(t, " auid=%u ses=%u%s", uringaudit_who_auid(who),
			       audit_get_sessionid(who->submitter),
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

	if (rec->what.oom || rec->who.oom || !reserve(rec, GFP_KERNEL)) {
		uringaudit_stats_lost();
		return false;
	}
	if (rec->ab) {
		audit_log_format(rec->ab, "%s%s%s%s%s", head, *head ? " " : "",
				 what, who, tail);
		audit_log_end(rec->ab);
		rec->ab = NULL;
	} else {
		pr_notice("type=%d %s%s%s%s%s\n", AUDIT_URINGAUDIT, head,
			  *head ? " " : "", what, who, tail);
	}
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
	if (rec->ab)
		audit_log_end(rec->ab);
	uringaudit_text_free(&rec->what);
	uringaudit_text_free(&rec->who);
	memset(rec, 0, sizeof(*rec));
}

/* A record of uringaudit's own state, straight to audit or the log. */
static __printf(2, 3) void log_state(int type, const char *fmt, ...)
{
	struct audit_buffer *ab;
	va_list args;
	char *text;

	va_start(args, fmt);
	text = kvasprintf(GFP_KERNEL, fmt, args);
	va_end(args);
	if (!text)
		return;
	if (audit_enabled != AUDIT_OFF) {
		ab = audit_log_start(audit_context(), GFP_KERNEL, type);
		if (ab) {
			audit_log_format(ab, "%s", text);
			audit_log_end(ab);
		}
	} else {
		pr_notice("type=%d %s\n", type, text);
	}
	kfree(text);
}

/*
 * The records of a change of state, as IPE and SELinux write theirs; auid=
 * and ses= are the writing task's.
 */
#define LOADED_FMT \
	"policy_digest=sha256:%*phN rules=%u unresolved=%u auid=%u ses=%u lsm=uringaudit res=1"
#define NOT_LOADED_FMT \
	"policy_digest=? rules=? unresolved=? auid=%u ses=%u lsm=uringaudit res=0 errno=%d"
#define STATUS_FMT \
	"enforcing=%d old_enforcing=%d auid=%u ses=%u enabled=1 old-enabled=1 lsm=uringaudit res=%d"
#define LOCK_FMT \
	"bool=uringaudit_lock val=1 old_val=%d auid=%u ses=%u lsm=uringaudit res=1"

static u32 loginuid(void)
{
	return from_kuid(&init_user_ns, audit_get_loginuid(current));
}

/**
 * uringaudit_record_policy_load() - Record a policy load, or its failure
 * @digest: SHA-256 of the new policy's normal form; NULL on failure.
 * @nr_rules: Its number of rules.
 * @nr_unresolved: Its rules whose path or program was not found.
 * @err: 0, or why the load failed.
 *
 * Written as IPE writes its own.
 *
 * Context: Process context; may sleep.
 */
void uringaudit_record_policy_load(const u8 *digest, u32 nr_rules,
				   u32 nr_unresolved, int err)
{
	u32 ses = audit_get_sessionid(current);

	if (digest)
		log_state(AUDIT_MAC_POLICY_LOAD, LOADED_FMT, SHA256_DIGEST_SIZE,
			  digest, nr_rules, nr_unresolved, loginuid(), ses);
	else
		log_state(AUDIT_MAC_POLICY_LOAD, NOT_LOADED_FMT, loginuid(),
			  ses, err);
}

/**
 * uringaudit_record_mode() - Record a change of mode, or its refusal
 * @enforcing: The mode asked for.
 * @old_enforcing: The mode before.
 * @err: 0, or why the change was refused.
 *
 * Written as SELinux and IPE write theirs.
 *
 * Context: Process context; may sleep.
 */
void uringaudit_record_mode(bool enforcing, bool old_enforcing, int err)
{
	log_state(AUDIT_MAC_STATUS, STATUS_FMT, enforcing, old_enforcing,
		  loginuid(), audit_get_sessionid(current), !err);
}

/**
 * uringaudit_record_lock() - Record that policy and mode are locked
 * @old_locked: Whether they were locked already.
 *
 * A configuration change, as SELinux records a boolean's.
 *
 * Context: Process context; may sleep.
 */
void uringaudit_record_lock(bool old_locked)
{
	log_state(AUDIT_MAC_CONFIG_CHANGE, LOCK_FMT, old_locked, loginuid(),
		  audit_get_sessionid(current));
}
