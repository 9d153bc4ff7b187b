// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Audit records
 *
 * Records go through audit_log_start(audit_context(), ...): inside
 * io_uring_enter(2) they join its SYSCALL event, on io threads the URINGOP
 * event of the same op, when the kernel writes one.  When audit is off the
 * same text goes to the kernel log, rate-limited.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <crypto/sha2.h>
#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/hex.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/kdev_t.h>
#include <linux/net.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/un.h>
#include <net/sock.h>
#include <uapi/linux/uringaudit.h>

#include "audit.h"
#include "common.h"
#include "stats.h"

/* Longest record text sent to the kernel log. */
#define LOG_TEXT_MAX 1024

/*
 * Where a record is written: an audit buffer when audit is on, else a text
 * buffer for the kernel log.  Both get the same text.
 */
struct sink {
	struct audit_buffer *ab;
	char *buf;
	size_t len;
};

static __printf(2, 3) void buf_printf(struct sink *s, const char *fmt, ...)
{
	va_list args;

	if (!s->buf || s->len >= LOG_TEXT_MAX - 1)
		return;
	va_start(args, fmt);
	s->len += vscnprintf(s->buf + s->len, LOG_TEXT_MAX - s->len, fmt, args);
	va_end(args);
}

/*
 * Formats once, straight into the audit buffer or the kernel log text: a
 * record is a few calls, each with as many fields as it can take.
 */
#define sink_printf(s, ...)                                       \
	do {                                                      \
		struct sink *sink_ = (s);                         \
		if (sink_->ab)                                    \
			audit_log_format(sink_->ab, __VA_ARGS__); \
		else                                              \
			buf_printf(sink_, __VA_ARGS__);           \
	} while (0)

/* " key=value", the value quoted, or in hex as audit does for odd bytes. */
static void sink_string(struct sink *s, const char *key, const char *str)
{
	size_t len, i;

	if (!str) {
		sink_printf(s, " %s=?", key);
		return;
	}
	len = strlen(str);
	if (s->ab) {
		audit_log_format(s->ab, " %s=", key);
		audit_log_n_untrustedstring(s->ab, str, len);
		return;
	}
	if (!audit_string_contains_control(str, len)) {
		sink_printf(s, " %s=\"%s\"", key, str);
		return;
	}
	sink_printf(s, " %s=", key);
	for (i = 0; i < len; i++)
		sink_printf(s, "%c%c", hex_asc_upper_hi(str[i]),
			    hex_asc_upper_lo(str[i]));
}

static DEFINE_RATELIMIT_STATE(log_ratelimit, 5 * HZ, 100);

static bool sink_open(struct sink *s, int type)
{
	memset(s, 0, sizeof(*s));
	if (audit_enabled != AUDIT_OFF) {
		s->ab = audit_log_start(audit_context(),
					GFP_ATOMIC | __GFP_NOWARN, type);
		return s->ab;
	}
	if (!__ratelimit(&log_ratelimit))
		return false;
	s->buf = kmalloc(LOG_TEXT_MAX, GFP_ATOMIC | __GFP_NOWARN);
	if (s->buf)
		s->buf[0] = '\0';
	return s->buf;
}

static void sink_close(struct sink *s, int type)
{
	if (s->ab) {
		audit_log_end(s->ab);
	} else if (s->buf) {
		pr_notice("type=%d %s\n", type, s->buf);
		kfree(s->buf);
	}
}

/* Whether audit would print @str as it is, in quotes. */
static bool plain(const char *str)
{
	return str && !audit_string_contains_control(str, strlen(str));
}

static void log_path(struct sink *s, const char *path,
		     const struct inode *inode)
{
	if (inode && plain(path)) {
		sink_printf(s, " path=\"%s\" dev=%02x:%02x ino=%lu", path,
			    MAJOR(inode->i_sb->s_dev),
			    MINOR(inode->i_sb->s_dev), inode->i_ino);
		return;
	}
	sink_string(s, "path", path);
	if (!inode) {
		sink_printf(s, " dev=? ino=?");
		return;
	}
	sink_printf(s, " dev=%02x:%02x ino=%lu", MAJOR(inode->i_sb->s_dev),
		    MINOR(inode->i_sb->s_dev), inode->i_ino);
}

static void log_sockaddr(struct sink *s, const struct sockaddr *addr,
			 int addrlen)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)addr;
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)addr;
	const struct sockaddr_un *sun = (const struct sockaddr_un *)addr;
	char path[sizeof(sun->sun_path) + 1];
	int n;

	if (!addr || addrlen < (int)sizeof(addr->sa_family))
		return;
	switch (addr->sa_family) {
	case AF_INET:
		if (addrlen >= (int)sizeof(*sin))
			sink_printf(s, " addr=%pI4 port=%u", &sin->sin_addr,
				    ntohs(sin->sin_port));
		break;
	case AF_INET6:
		if (addrlen >= (int)sizeof(*sin6))
			sink_printf(s, " addr=%pI6c port=%u", &sin6->sin6_addr,
				    ntohs(sin6->sin6_port));
		break;
	case AF_UNIX:
		n = addrlen - (int)offsetof(struct sockaddr_un, sun_path);
		if (n <= 0)
			break;
		if (n > (int)sizeof(sun->sun_path))
			n = sizeof(sun->sun_path);
		memcpy(path, sun->sun_path, n);
		path[n] = '\0';
		/* An abstract name starts with NUL: show it as '@'. */
		if (!path[0])
			path[0] = '@';
		sink_string(s, "addr", path);
		break;
	}
}

static void log_object(struct sink *s, const struct uringaudit_decision *d)
{
	const struct uringaudit_object *obj = d->obj;
	const char *path = uringaudit_object_path(obj, d->scratch);

	switch (obj->type) {
	case URINGAUDIT_OBJ_FILE:
		log_path(s, path, file_inode(obj->file));
		break;
	case URINGAUDIT_OBJ_PATH:
		log_path(s, path, d_backing_inode(obj->path->dentry));
		break;
	case URINGAUDIT_OBJ_ENTRY:
	case URINGAUDIT_OBJ_DENTRY:
		log_path(s, path, d_backing_inode(obj->dentry));
		break;
	case URINGAUDIT_OBJ_SOCKET:
		sink_printf(s, " family=%u",
			    obj->sock->sk ? obj->sock->sk->sk_family : 0);
		log_sockaddr(s, obj->addr, obj->addrlen);
		break;
	case URINGAUDIT_OBJ_FAMILY:
		sink_printf(s, " family=%d", obj->family);
		break;
	default:
		break;
	}
	if (obj->has_cmd_op)
		sink_printf(s, " cmd_op=%u", obj->cmd_op);
}

/* Who the op runs as, and the process behind it. */
struct who {
	pid_t pid;
	pid_t tid;
	char comm[TASK_COMM_LEN];
	u32 uid, euid, gid, egid, auid, ses;
	bool personality;
	pid_t origin_pid;
	char origin_comm_buf[TASK_COMM_LEN];
	const char *origin_comm;
	const char *origin_exe;
	u32 origin_uid;
};

static void get_who(struct who *w, const struct uringaudit_decision *d)
{
	const struct uringaudit_origin *origin = d->origin;
	const struct cred *cred = d->cred;

	w->pid = task_tgid_nr(current);
	w->tid = task_pid_nr(current);
	get_task_comm(w->comm, current);
	w->uid = from_kuid(&init_user_ns, cred->uid);
	w->euid = from_kuid(&init_user_ns, cred->euid);
	w->gid = from_kgid(&init_user_ns, cred->gid);
	w->egid = from_kgid(&init_user_ns, cred->egid);
	w->auid = from_kuid(&init_user_ns, audit_get_loginuid(current));
	w->ses = audit_get_sessionid(current);
	w->personality = d->subj->op == URINGAUDIT_OP_OVERRIDE_CREDS ||
			 current_cred() != current_real_cred();
	if (origin) {
		w->origin_pid = origin->tgid;
		w->origin_comm = origin->comm;
		w->origin_exe = origin->exe;
		w->origin_uid = from_kuid(&init_user_ns, origin->uid);
		return;
	}
	/* Inline: the process behind the op is the current one. */
	get_task_comm(w->origin_comm_buf, current->group_leader);
	w->origin_pid = w->pid;
	w->origin_comm = w->origin_comm_buf;
	w->origin_exe = uringaudit_current_exe();
	w->origin_uid = from_kuid(&init_user_ns, current_real_cred()->uid);
}

/* The fields after the object, when no string needs hex: one call. */
#define WHO_FORMAT                                                         \
	" pid=%d tid=%d comm=\"%s\" uid=%u euid=%u gid=%u egid=%u auid=%u" \
	" ses=%u%s origin_pid=%d origin_comm=\"%s\" origin_exe=\"%s\""     \
	" origin_uid=%u res=%d"

static void log_who(struct sink *s, const struct who *w, bool denied)
{
	if (plain(w->comm) && plain(w->origin_comm) && plain(w->origin_exe)) {
		sink_printf(s, WHO_FORMAT, w->pid, w->tid, w->comm, w->uid,
			    w->euid, w->gid, w->egid, w->auid, w->ses,
			    w->personality ? " personality=1" : "",
			    w->origin_pid, w->origin_comm, w->origin_exe,
			    w->origin_uid, denied ? 0 : 1);
		return;
	}
	sink_printf(s, " pid=%d tid=%d", w->pid, w->tid);
	sink_string(s, "comm", w->comm);
	sink_printf(s, " uid=%u euid=%u gid=%u egid=%u auid=%u ses=%u%s",
		    w->uid, w->euid, w->gid, w->egid, w->auid, w->ses,
		    w->personality ? " personality=1" : "");
	sink_printf(s, " origin_pid=%d", w->origin_pid);
	sink_string(s, "origin_comm", w->origin_comm);
	sink_string(s, "origin_exe", w->origin_exe);
	sink_printf(s, " origin_uid=%u res=%d", w->origin_uid, denied ? 0 : 1);
}

/**
 * uringaudit_audit_decision() - Record an audit or deny decision
 * @d: The decision.
 *
 * Context: Inside the RCU read section of the decision; does not sleep.
 */
void uringaudit_audit_decision(const struct uringaudit_decision *d)
{
	struct who who;
	struct sink s;
	bool denied = d->action == URINGAUDIT_DENY && !d->permissive;

	if (!sink_open(&s, AUDIT_URINGAUDIT)) {
		this_cpu_inc(uringaudit_stats.records_lost);
		return;
	}

	sink_printf(&s, "op=%s ctx=%s decision=%s permissive=%d rule=%s%.*s%s",
		    uringaudit_op_names[d->subj->op],
		    uringaudit_ctx_names[d->subj->ctx],
		    uringaudit_action_names[d->action], d->permissive ? 1 : 0,
		    d->rule ? "\"" : "", d->rule ? (int)d->rule_len : 7,
		    d->rule ? d->rule_text : "default", d->rule ? "\"" : "");
	log_object(&s, d);
	get_who(&who, d);
	log_who(&s, &who, denied);
	sink_close(&s, AUDIT_URINGAUDIT);
	this_cpu_inc(uringaudit_stats.records);
}

static void log_subject(struct sink *s)
{
	sink_printf(s, " auid=%u ses=%u lsm=" URINGAUDIT_NAME,
		    from_kuid(&init_user_ns, audit_get_loginuid(current)),
		    audit_get_sessionid(current));
}

static void log_res(struct sink *s, int err)
{
	sink_printf(s, " res=%d", err ? 0 : 1);
	if (err)
		sink_printf(s, " errno=%d", err);
}

/**
 * uringaudit_audit_policy_load() - Record a policy load, or its failure
 * @digest: SHA-256 of the new policy's normal form; NULL on failure.
 * @nr_rules: Its number of rules.
 * @err: 0, or why the load failed.
 */
void uringaudit_audit_policy_load(const u8 *digest, u32 nr_rules, int err)
{
	struct sink s;

	if (!sink_open(&s, AUDIT_MAC_POLICY_LOAD))
		return;
	if (digest)
		sink_printf(&s, "policy_digest=sha256:%*phN rules=%u",
			    SHA256_DIGEST_SIZE, digest, nr_rules);
	else
		sink_printf(&s, "policy_digest=? rules=?");
	log_subject(&s);
	log_res(&s, err);
	sink_close(&s, AUDIT_MAC_POLICY_LOAD);
}

/**
 * uringaudit_audit_mode() - Record a change of mode, or its refusal
 * @enforcing: The mode asked for.
 * @old_enforcing: The mode before.
 * @err: 0, or why the change was refused.
 */
void uringaudit_audit_mode(bool enforcing, bool old_enforcing, int err)
{
	struct sink s;

	if (!sink_open(&s, AUDIT_MAC_STATUS))
		return;
	sink_printf(&s, "enforcing=%d old_enforcing=%d", enforcing ? 1 : 0,
		    old_enforcing ? 1 : 0);
	log_subject(&s);
	log_res(&s, err);
	sink_close(&s, AUDIT_MAC_STATUS);
}

/**
 * uringaudit_audit_lock() - Record that policy and mode are locked
 * @old_locked: Whether they were locked already.
 */
void uringaudit_audit_lock(bool old_locked)
{
	struct sink s;

	if (!sink_open(&s, AUDIT_MAC_STATUS))
		return;
	sink_printf(&s, "locked=1 old_locked=%d", old_locked ? 1 : 0);
	log_subject(&s);
	log_res(&s, 0);
	sink_close(&s, AUDIT_MAC_STATUS);
}
