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

static struct uringaudit_file *file_cache(const struct uringaudit_object *obj)
{
	if (!obj || obj->type != URINGAUDIT_OBJ_FILE)
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
 * @q: The op: class, context, subject; its object an open file.
 *
 * The short way for the reads and writes of an open file: check the entry
 * the file keeps (step 2 above) against the values it was written for,
 * and nothing else.  A miss says nothing of the op: it is then decided in
 * full.
 *
 * Context: Process context.
 * Return: true when the op is allowed, and counted so.
 */
bool uringaudit_decide_remembered(const struct uringaudit_query *q)
{
	struct uringaudit_subject_values v = { .ctx = q->ctx };
	struct uringaudit_file *f = file_cache(q->obj);
	const struct uringaudit_active *active;
	struct uringaudit_key exe = {};
	u64 generation, subject;
	bool hit = false;
	u32 all, ses;

	if (!f)
		return false;
	rcu_read_lock();
	active = rcu_dereference(uringaudit_active);
	if (!active || (active->opcode_rules[q->ctx] & BIT_ULL(q->op))) {
		rcu_read_unlock();
		return false;
	}
	generation = active->generation;
	all = active->needs;
	rcu_read_unlock();

	/* The values uringaudit_decide() hashes, the same way. */
	v.euid = from_kuid(&init_user_ns, q->who.cred->euid);
	v.egid = from_kgid(&init_user_ns, q->who.cred->egid);
	v.auid = uringaudit_who_login(&q->who, &ses);
	v.cgroup = all & URINGAUDIT_MATCH_CGROUP ? uringaudit_cgroup_id() : 0;
	if ((all & URINGAUDIT_MATCH_EXE) &&
	    exe_key(&q->who, &exe) == URINGAUDIT_VALUE_FAILED)
		return false;
	subject = uringaudit_subject_hash(&uringaudit_task(current)->cache, &v,
					  &exe, sizeof(exe));

	rcu_read_lock();
	active = rcu_dereference(uringaudit_active);
	if (active && active->generation == generation)
		hit = uringaudit_file_allows(f, generation, subject, q->ctx,
					     q->op);
	rcu_read_unlock();
	if (hit)
		uringaudit_stats_count(q->op, q->ctx, URINGAUDIT_ALLOW);
	return hit;
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
	struct uringaudit_subject_values v = { .ctx = q->ctx };
	struct uringaudit_cache *tc = &uringaudit_task(current)->cache;
	struct uringaudit_active *active;
	struct uringaudit_verdict verdict;
	bool remember = false, per_task = false;
	u64 generation = 0, subject = 0;
	u32 needs = 0, tries, all, ses;
	int errs[URINGAUDIT_NR_MATCH] = {};

	memset(d, 0, sizeof(*d));
	d->permissive = READ_ONCE(uringaudit_permissive);
	v.euid = from_kuid(&init_user_ns, q->who.cred->euid);
	v.egid = from_kgid(&init_user_ns, q->who.cred->egid);
	subj.uid = v.euid;
	subj.gid = v.egid;

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
		if (!tries) {
			v.auid = uringaudit_who_login(&q->who, &ses);
			subj.auid = v.auid;
		}

		v.cgroup = all & URINGAUDIT_MATCH_CGROUP ?
				   uringaudit_cgroup_id() :
				   0;
		subj.state[ilog2(URINGAUDIT_MATCH_EXE)] =
			all & URINGAUDIT_MATCH_EXE ?
				exe_key(&q->who, &subj.exe) :
				URINGAUDIT_VALUE_ABSENT;
		if (subj.state[ilog2(URINGAUDIT_MATCH_EXE)] ==
		    URINGAUDIT_VALUE_FAILED)
			errs[ilog2(URINGAUDIT_MATCH_EXE)] = -ENOMEM;

		rcu_read_lock();
		active = rcu_dereference(uringaudit_active);
		if (!active || active->generation != generation) {
			rcu_read_unlock();
			continue;
		}
		remember = !(active->opcode_rules[q->ctx] & BIT_ULL(q->op));
		if (remember && file_cache(q->obj)) {
			subject = uringaudit_subject_hash(tc, &v, &subj.exe,
							  sizeof(subj.exe));
			if (uringaudit_file_allows(file_cache(q->obj),
						   generation, subject, q->ctx,
						   q->op))
				goto allow;
		}
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
