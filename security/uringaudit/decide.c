// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - The decision on an io_uring operation
 *
 * Every hook ends here: one function decides an op under the active
 * policy.  In order:
 *
 * 1. An op class that no rule names in the op's context, under a default
 *    that allows, is allowed at once.
 * 2. A decision the task, or the op's open file, remembers is reused
 *    (for the reads and writes of an open file, before anything else is
 *    done: uringaudit_decide_remembered()).
 * 3. The values the candidate rules need are resolved, outside any RCU
 *    read section (names and identities may sleep): the program's and the
 *    object's identities, the object's name, the cgroup, the socket's
 *    address.  A value that cannot be resolved is marked failed.
 * 4. The policy's matcher finds the rule, or tells that the op's object is
 *    still to come.  A rule on a failed value denies or audits, never
 *    allows.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/uidgid.h>

#include "cache.h"
#include "decide.h"
#include "stats.h"
#include "task.h"

/* How often a decision starts over when policies are loaded meanwhile. */
#define MAX_TRIES 4

/* The program's identity, without sleeping: an &enum uringaudit_value. */
static u8 exe_key(const struct uringaudit_who *who, struct uringaudit_key *k)
{
	struct file *exe = uringaudit_task(current)->exe_file;

	if (who->origin) {
		if (who->origin->exe) {
			*k = who->origin->exe->key;
			return URINGAUDIT_VALUE_KNOWN;
		}
		return who->origin->exe_err ? URINGAUDIT_VALUE_FAILED :
					      URINGAUDIT_VALUE_ABSENT;
	}
	if (!exe)
		return URINGAUDIT_VALUE_ABSENT;
	uringaudit_key_of(file_inode(exe), k);
	return URINGAUDIT_VALUE_KNOWN;
}

/*
 * The subject of an op, for a policy whose keys need @all: the current
 * task's memo, made anew when the subject changed.  It holds the values in
 * the initial namespace (ctx 0), the program's identity and their keyed
 * hash.  The program of a task stays the same until execve(2), which
 * empties the memo: a task whose IDs, login and cgroup did not change
 * since its last op finds the rest there.
 */
static const struct uringaudit_subject_memo *
subject_of(const struct uringaudit_who *who, u32 all)
{
	struct uringaudit_subject_memo *m =
		&uringaudit_task(current)->cache.memo;
	const u32 keys = all & (URINGAUDIT_MATCH_EXE | URINGAUDIT_MATCH_CGROUP);
	const kuid_t euid = who->cred->euid;
	const kgid_t egid = who->cred->egid;
	struct uringaudit_key k = {};
	u64 cgroup;
	kuid_t auid;
	u32 ses;

	BUILD_BUG_ON(sizeof(k) != sizeof(m->exe));
	auid = uringaudit_who_loginuid(who, &ses);
	cgroup = keys & URINGAUDIT_MATCH_CGROUP ? uringaudit_cgroup_id() : 0;
	if (m->hash && m->keys == keys && uid_eq(m->euid, euid) &&
	    gid_eq(m->egid, egid) && uid_eq(m->auid, auid) &&
	    m->cgroup == cgroup)
		return m;
	m->exe_state = keys & URINGAUDIT_MATCH_EXE ? exe_key(who, &k) :
						     URINGAUDIT_VALUE_ABSENT;
	memcpy(m->exe, &k, sizeof(k));
	m->values = (struct uringaudit_subject_values){
		.euid = from_kuid(&init_user_ns, euid),
		.egid = from_kgid(&init_user_ns, egid),
		.auid = from_kuid(&init_user_ns, auid),
		.cgroup = cgroup,
	};
	m->keys = keys;
	m->euid = euid;
	m->egid = egid;
	m->auid = auid;
	m->cgroup = cgroup;
	m->hash = uringaudit_subject_hash(&m->values, m->exe, m->exe_state);
	return m;
}

/*
 * The decisions an open file remembers: none for a socket, whose peer can
 * change under the same file, nor for a stacked file (overlayfs, FUSE
 * passthrough), whose ops act on a backing file that is decided in its
 * own right (uringaudit_file_cacheable()).
 */
static struct uringaudit_file *file_cache(const struct uringaudit_object *obj)
{
	if (!obj || obj->type != URINGAUDIT_OBJ_FILE ||
	    !uringaudit_file_cacheable(obj->file))
		return NULL;
	return obj->file->f_security + uringaudit_blob_sizes.lbs_file;
}

/* Resolve the object's values @needs asks for into @s and @subj. */
static void gather_object(struct uringaudit_scratch *s,
			  const struct uringaudit_query *q, u32 needs,
			  struct uringaudit_subject *subj, int *errs)
{
	const u32 sock = URINGAUDIT_MATCH_FAMILY | URINGAUDIT_MATCH_ADDR |
			 URINGAUDIT_MATCH_PORT;
	u8 *st = subj->state;
	int ret;

	if (q->unseen) {
		/* It has a path, which nothing will show: fail closed. */
		st[ilog2(URINGAUDIT_MATCH_PATH)] = URINGAUDIT_VALUE_FAILED;
		st[ilog2(URINGAUDIT_MATCH_PATH_NAME)] = URINGAUDIT_VALUE_FAILED;
		errs[ilog2(URINGAUDIT_MATCH_PATH)] = -EOPNOTSUPP;
		errs[ilog2(URINGAUDIT_MATCH_PATH_NAME)] = -EOPNOTSUPP;
		return;
	}
	if (q->stale) {
		/* Its address is not the one the kernel used: fail closed. */
		st[ilog2(URINGAUDIT_MATCH_PATH)] = URINGAUDIT_VALUE_ABSENT;
		st[ilog2(URINGAUDIT_MATCH_PATH_NAME)] = URINGAUDIT_VALUE_ABSENT;
		st[ilog2(URINGAUDIT_MATCH_FAMILY)] = URINGAUDIT_VALUE_FAILED;
		st[ilog2(URINGAUDIT_MATCH_ADDR)] = URINGAUDIT_VALUE_FAILED;
		st[ilog2(URINGAUDIT_MATCH_PORT)] = URINGAUDIT_VALUE_FAILED;
		errs[ilog2(URINGAUDIT_MATCH_FAMILY)] = -ESTALE;
		errs[ilog2(URINGAUDIT_MATCH_ADDR)] = -ESTALE;
		errs[ilog2(URINGAUDIT_MATCH_PORT)] = -ESTALE;
		return;
	}
	if (!q->obj) {
		u8 state = q->later ? URINGAUDIT_VALUE_PENDING :
				      URINGAUDIT_VALUE_ABSENT;

		st[ilog2(URINGAUDIT_MATCH_PATH)] = state;
		st[ilog2(URINGAUDIT_MATCH_PATH_NAME)] = state;
		st[ilog2(URINGAUDIT_MATCH_FAMILY)] = state;
		st[ilog2(URINGAUDIT_MATCH_ADDR)] = state;
		st[ilog2(URINGAUDIT_MATCH_PORT)] = state;
		return;
	}
	if (q->later) {
		/* A socket's file: its family now, its address later. */
		st[ilog2(URINGAUDIT_MATCH_PATH)] = URINGAUDIT_VALUE_ABSENT;
		st[ilog2(URINGAUDIT_MATCH_PATH_NAME)] = URINGAUDIT_VALUE_ABSENT;
		st[ilog2(URINGAUDIT_MATCH_ADDR)] = URINGAUDIT_VALUE_PENDING;
		st[ilog2(URINGAUDIT_MATCH_PORT)] = URINGAUDIT_VALUE_PENDING;
		if (needs & URINGAUDIT_MATCH_FAMILY) {
			if (uringaudit_object_sockinfo(q->obj, q->op, &s->sock))
				st[ilog2(URINGAUDIT_MATCH_FAMILY)] =
					URINGAUDIT_VALUE_ABSENT;
			subj->family = s->sock.family;
		}
		return;
	}
	if (!uringaudit_object_has_path(q->obj)) {
		st[ilog2(URINGAUDIT_MATCH_PATH)] = URINGAUDIT_VALUE_ABSENT;
		st[ilog2(URINGAUDIT_MATCH_PATH_NAME)] = URINGAUDIT_VALUE_ABSENT;
	} else {
		if (needs & URINGAUDIT_MATCH_PATH) {
			ret = uringaudit_object_keys(q->obj, &s->keys);
			if (ret) {
				st[ilog2(URINGAUDIT_MATCH_PATH)] =
					URINGAUDIT_VALUE_FAILED;
				errs[ilog2(URINGAUDIT_MATCH_PATH)] = ret;
			}
			subj->obj = s->keys.keys;
			subj->nr_obj = ret ? 0 : s->keys.nr;
			subj->obj_name = ret ? NULL : s->keys.name;
			subj->obj_dir = ret || s->keys.dir == U32_MAX ?
						NULL :
						&s->keys.keys[s->keys.dir];
		}
		if (needs & URINGAUDIT_MATCH_PATH_NAME) {
			kfree(s->path);
			s->path = uringaudit_object_name(q->obj, true, &ret);
			subj->path = s->path;
			/* Not reachable from the initial root: no name there. */
			if (!s->path && ret == -ENOENT) {
				st[ilog2(URINGAUDIT_MATCH_PATH_NAME)] =
					URINGAUDIT_VALUE_ABSENT;
			} else if (!s->path) {
				st[ilog2(URINGAUDIT_MATCH_PATH_NAME)] =
					URINGAUDIT_VALUE_FAILED;
				errs[ilog2(URINGAUDIT_MATCH_PATH_NAME)] = ret;
			}
		}
	}
	if (!(needs & sock))
		return;
	if (uringaudit_object_sockinfo(q->obj, q->op, &s->sock)) {
		st[ilog2(URINGAUDIT_MATCH_FAMILY)] = URINGAUDIT_VALUE_ABSENT;
		st[ilog2(URINGAUDIT_MATCH_ADDR)] = URINGAUDIT_VALUE_ABSENT;
		st[ilog2(URINGAUDIT_MATCH_PORT)] = URINGAUDIT_VALUE_ABSENT;
		return;
	}
	subj->family = s->sock.family;
	subj->addr = s->sock.addr;
	subj->port = s->sock.port;
	if (!s->sock.has_addr) {
		st[ilog2(URINGAUDIT_MATCH_ADDR)] = URINGAUDIT_VALUE_ABSENT;
		st[ilog2(URINGAUDIT_MATCH_PORT)] = URINGAUDIT_VALUE_ABSENT;
	}
}

/* The task's cgroup path, resolved again only when it moved. */
static void gather_cgroup(struct uringaudit_scratch *s, u64 id,
			  struct uringaudit_subject *subj, int *errs)
{
	int ret;

	if (!s->cgroup || s->cgroup_id != id) {
		kfree(s->cgroup);
		s->cgroup = uringaudit_cgroup_name(&ret);
		s->cgroup_id = id;
		if (!s->cgroup) {
			subj->state[ilog2(URINGAUDIT_MATCH_CGROUP)] =
				ret == -ENOENT ? URINGAUDIT_VALUE_ABSENT :
						 URINGAUDIT_VALUE_FAILED;
			errs[ilog2(URINGAUDIT_MATCH_CGROUP)] = ret;
		}
	}
	subj->cgroup = s->cgroup;
}

/*
 * Count a decision and remember an allow: on the op's file, whatever the
 * rules looked at (the file stays the file it was opened as), or, when
 * @per_task (nothing of the object counted), on the task.
 */
static void finish(const struct uringaudit_query *q,
		   struct uringaudit_decision *d, bool remember, bool per_task,
		   u64 generation, const struct uringaudit_subject_values *v,
		   u64 subject)
{
	struct uringaudit_file *f = file_cache(q->obj);

	if (d->pending)
		return;
	uringaudit_stats_count(q->op, q->ctx, d->action);
	if (!remember || d->action != URINGAUDIT_ALLOW)
		return;
	if (f && subject)
		uringaudit_file_remember(f, generation, subject, q->ctx, q->op);
	else if (per_task)
		uringaudit_cache_remember(&uringaudit_task(current)->cache,
					  generation, v, q->op);
}

/**
 * uringaudit_decide_remembered() - Allow an op its file remembers allowing
 * @op: The op class: a read or write.
 * @ctx: Its context.
 * @file: The file it reads or writes.
 * @submitter: The task that submitted it.
 *
 * The short way for the reads and writes of an open file: check the entry
 * the file keeps (step 2 above) against the subject it was written for,
 * and nothing else.  A miss says nothing of the op: it is then decided in
 * full.
 *
 * Context: Process context.
 * Return: true when the op is allowed, and counted so.
 */
bool uringaudit_decide_remembered(u32 op, u32 ctx, struct file *file,
				  struct task_struct *submitter)
{
	const struct uringaudit_file *f =
		file->f_security + uringaudit_blob_sizes.lbs_file;
	const struct uringaudit_subject_memo *m;
	const struct uringaudit_active *active;
	struct uringaudit_who who;
	u64 generation;
	u32 all;

	/* Nothing remembered for the op here: no subject to read. */
	if (READ_ONCE(f->ctx) != ctx || !(READ_ONCE(f->allow) & BIT_ULL(op)) ||
	    !uringaudit_file_cacheable(file))
		return false;
	rcu_read_lock();
	active = rcu_dereference(uringaudit_active);
	if (!active || (active->opcode_rules[ctx] & BIT_ULL(op))) {
		rcu_read_unlock();
		return false;
	}
	generation = active->generation;
	all = active->needs;
	rcu_read_unlock();

	uringaudit_who_current(&who, NULL, submitter);
	m = subject_of(&who, all);
	if (m->exe_state == URINGAUDIT_VALUE_FAILED ||
	    !uringaudit_file_allows(f, generation, m->hash, ctx, op))
		return false;
	uringaudit_stats_count(op, ctx, URINGAUDIT_ALLOW);
	return true;
}

/**
 * uringaudit_decide() - Decide on an op under the active policy
 * @s: The current task's scratch room.
 * @q: The op.
 * @d: The decision; release it with uringaudit_decision_release().
 *
 * Context: Process context; may sleep.
 */
void uringaudit_decide(struct uringaudit_scratch *s,
		       const struct uringaudit_query *q,
		       struct uringaudit_decision *d)
{
	struct uringaudit_subject subj = {
		.op = q->op,
		.opcode = q->opcode,
		.ctx = q->ctx,
	};
	struct uringaudit_cache *tc = &uringaudit_task(current)->cache;
	const struct uringaudit_subject_memo *m;
	struct uringaudit_subject_values v = {};
	struct uringaudit_active *active;
	struct uringaudit_verdict verdict;
	bool remember = false, per_task = false;
	u64 generation = 0, subject = 0;
	u32 needs = 0, tries, all;
	int errs[URINGAUDIT_NR_MATCH] = {};
	u8 *exe_state = &subj.state[ilog2(URINGAUDIT_MATCH_EXE)];

	memset(d, 0, sizeof(*d));
	d->permissive = READ_ONCE(uringaudit_permissive);

	for (tries = 0;; tries++) {
		rcu_read_lock();
		active = rcu_dereference(uringaudit_active);
		if (!active || (active->quiet[q->ctx] & BIT_ULL(q->op))) {
			rcu_read_unlock();
			d->action = URINGAUDIT_ALLOW;
			uringaudit_stats_count(q->op, q->ctx, URINGAUDIT_ALLOW);
			return;
		}
		all = active->needs;
		if (active->generation == generation)
			break;
		/* First look, or a new policy: its needs and caches. */
		generation = active->generation;
		needs = active->policy->needs[q->op][q->ctx];
		rcu_read_unlock();

		m = subject_of(&q->who, all);
		v = m->values;
		v.ctx = q->ctx;
		memcpy(&subj.exe, m->exe, sizeof(subj.exe));
		*exe_state = m->exe_state;
		subject = m->hash;
		subj.uid = v.euid;
		subj.gid = v.egid;
		subj.auid = v.auid;
		if (*exe_state == URINGAUDIT_VALUE_FAILED)
			errs[ilog2(URINGAUDIT_MATCH_EXE)] = -ENOMEM;

		rcu_read_lock();
		active = rcu_dereference(uringaudit_active);
		if (!active || active->generation != generation) {
			rcu_read_unlock();
			continue;
		}
		remember = !(active->opcode_rules[q->ctx] & BIT_ULL(q->op));
		if (remember && file_cache(q->obj) &&
		    *exe_state != URINGAUDIT_VALUE_FAILED &&
		    uringaudit_file_allows(file_cache(q->obj), generation,
					   subject, q->ctx, q->op))
			goto allow;
		per_task = remember && !(needs & URINGAUDIT_MATCH_OBJECT);
		if (per_task &&
		    uringaudit_cache_allows(tc, generation, &v, q->op))
			goto allow;
		rcu_read_unlock();

		gather_object(s, q, needs, &subj, errs);
		if (needs & URINGAUDIT_MATCH_CGROUP)
			gather_cgroup(s, v.cgroup, &subj, errs);
		if (tries >= MAX_TRIES - 1) {
			rcu_read_lock();
			active = rcu_dereference(uringaudit_active);
			break;
		}
	}

	/* Values the policy now in force wants but were not gathered fail. */
	if (active && active->policy->needs[q->op][q->ctx] & ~needs) {
		u32 bit, extra = active->policy->needs[q->op][q->ctx] & ~needs;

		for (bit = 0; bit < URINGAUDIT_NR_MATCH; bit++) {
			if (!(extra & BIT(bit)))
				continue;
			subj.state[bit] = URINGAUDIT_VALUE_FAILED;
			errs[bit] = -EAGAIN;
		}
	}
	if (!active) {
		rcu_read_unlock();
		d->action = URINGAUDIT_ALLOW;
		return;
	}
	uringaudit_policy_match(active->policy, &subj, &verdict);
	if (verdict.pending) {
		d->pending = true;
	} else {
		d->rule = verdict.rule;
		d->action = verdict.rule ? verdict.rule->action :
					   active->policy->default_action;
		d->failed = verdict.failed;
		/* The key records name, with its own error. */
		d->failed_err = verdict.failed ? errs[__ffs(verdict.failed)] :
						 0;
		remember = remember && !verdict.failed;
		if (d->action != URINGAUDIT_ALLOW)
			d->active = uringaudit_active_get(active);
	}
	rcu_read_unlock();
	finish(q, d, remember, per_task, generation, &v, subject);
	return;

allow:
	rcu_read_unlock();
	d->action = URINGAUDIT_ALLOW;
	uringaudit_stats_count(q->op, q->ctx, URINGAUDIT_ALLOW);
}

/**
 * uringaudit_decision_release() - Drop what a decision holds
 * @d: The decision.
 */
void uringaudit_decision_release(struct uringaudit_decision *d)
{
	if (d->active)
		uringaudit_active_put(d->active);
	d->active = NULL;
	d->rule = NULL;
}

/**
 * uringaudit_scratch_free() - Free a task's scratch room
 * @s: The room.
 */
void uringaudit_scratch_free(struct uringaudit_scratch *s)
{
	uringaudit_keys_free(&s->keys);
	kfree(s->path);
	kfree(s->cgroup);
	memset(s, 0, sizeof(*s));
}
