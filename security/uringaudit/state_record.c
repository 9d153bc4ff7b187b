// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Audit records of uringaudit's own state
 *
 * A policy loaded or refused (MAC_POLICY_LOAD, as IPE writes it), the mode
 * changed (MAC_STATUS, as SELinux and IPE write it), policy and mode locked
 * (MAC_CONFIG_CHANGE, as SELinux records a boolean), written where those
 * changes are made (active.c), for the task that makes them.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <crypto/sha2.h>
#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/stdarg.h>
#include <linux/uidgid.h>

#include "common.h"
#include "state_record.h"

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
 * uringaudit_log_policy_load() - Record a policy load, or its failure
 * @digest: SHA-256 of the new policy's normal form; NULL on failure.
 * @nr_rules: Its number of rules.
 * @nr_unresolved: Its rules whose path or program was not found.
 * @err: 0, or why the load failed.
 *
 * Written as IPE writes its own.
 *
 * Context: Process context; may sleep.
 */
void uringaudit_log_policy_load(const u8 *digest, u32 nr_rules,
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
 * uringaudit_log_mode() - Record a change of mode, or its refusal
 * @enforcing: The mode asked for.
 * @old_enforcing: The mode before.
 * @err: 0, or why the change was refused.
 *
 * Written as SELinux and IPE write theirs.
 *
 * Context: Process context; may sleep.
 */
void uringaudit_log_mode(bool enforcing, bool old_enforcing, int err)
{
	log_state(AUDIT_MAC_STATUS, STATUS_FMT, enforcing, old_enforcing,
		  loginuid(), audit_get_sessionid(current), !err);
}

/**
 * uringaudit_log_lock() - Record that policy and mode are locked
 * @old_locked: Whether they were locked already.
 *
 * A configuration change, as SELinux records a boolean's.
 *
 * Context: Process context; may sleep.
 */
void uringaudit_log_lock(bool old_locked)
{
	log_state(AUDIT_MAC_CONFIG_CHANGE, LOCK_FMT, old_locked, loginuid(),
		  audit_get_sessionid(current));
}
