// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - Decisions a task, or an open file, remembers
 *
 * A rule on uid, gid, auid, exe or cgroup decides from what the task is,
 * not from what the op touches: once a task was allowed an op silently, it
 * is allowed the next op of the same class and context at the cost of a
 * few compares, for as long as its values, program and the policy stay the
 * same.  The key is the values themselves, not the credentials they came
 * from: no reference is held.
 *
 * A rule on path= decides from what the op touches: an open file
 * remembers the op classes a subject was allowed on it, so that reads and
 * writes of a file are decided once, not once each (as SELinux and
 * AppArmor do for a file's permissions).  A rename of the file after it
 * was opened does not change what its reads and writes are allowed.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/atomic.h>
#include <linux/cache.h>
#include <linux/init.h>
#include <linux/random.h>
#include <linux/siphash.h>
#include <linux/string.h>

#include "cache.h"

/**
 * uringaudit_cache_remember() - Remember that an op was allowed silently
 * @c: The current task's cache.
 * @generation: The generation of the policy that allowed it.
 * @v: The op's subject values.
 * @op: The op class.
 *
 * The caller must know that the decision depended on nothing else.
 *
 * Context: The current task's own cache.
 */
void uringaudit_cache_remember(struct uringaudit_cache *c, u64 generation,
			       const struct uringaudit_subject_values *v,
			       u32 op)
{
	if (c->generation != generation ||
	    !uringaudit_values_equal(&c->values, v)) {
		c->generation = generation;
		c->values = *v;
		c->allow = 0;
	}
	c->allow |= BIT_ULL(op);
}

/**
 * uringaudit_cache_drop() - Forget every decision of a task
 * @c: The task's cache.
 */
void uringaudit_cache_drop(struct uringaudit_cache *c)
{
	memset(c, 0, sizeof(*c));
}

/**
 * uringaudit_file_remember() - Remember that an op was allowed on a file
 * @f: The file's cache.
 * @generation: The generation of the policy that allowed it.
 * @subject: The subject's hash.
 * @ctx: The op's context.
 * @op: The op class.
 *
 * Tasks that share the file may race here: one writes, the others leave
 * the entry as it is (a decision more, later).
 */
void uringaudit_file_remember(struct uringaudit_file *f, u64 generation,
			      u64 subject, u32 ctx, u32 op)
{
	u32 seq = READ_ONCE(f->seq);
	u64 allow = BIT_ULL(op);

	/* Odd: another task writes.  A full barrier when it succeeds. */
	if ((seq & 1) || cmpxchg(&f->seq, seq, seq + 1) != seq)
		return;
	if (READ_ONCE(f->generation) == (u32)generation &&
	    READ_ONCE(f->subject) == subject && READ_ONCE(f->ctx) == ctx)
		allow |= READ_ONCE(f->allow);
	WRITE_ONCE(f->generation, (u32)generation);
	WRITE_ONCE(f->subject, subject);
	WRITE_ONCE(f->ctx, ctx);
	WRITE_ONCE(f->allow, allow);
	/* The entry is whole before readers see the count even again. */
	smp_store_release(&f->seq, seq + 2);
}

static siphash_key_t subject_key __ro_after_init;

/**
 * uringaudit_subject_hash() - A keyed hash of a subject
 * @v: Its values.
 * @exe: Its program's identity; zero when it has none or none is named.
 * @exe_state: Whether it has one: an &enum uringaudit_value.
 *
 * The key is random at boot: a subject cannot choose its values to share
 * another's hash.
 *
 * Return: The hash; never 0.
 */
u64 uringaudit_subject_hash(const struct uringaudit_subject_values *v,
			    const u8 exe[16], u8 exe_state)
{
	struct {
		struct uringaudit_subject_values v;
		u8 exe[16];
		u64 exe_state;
	} in;
	u64 h;

	memset(&in, 0, sizeof(in));
	in.v = *v;
	memcpy(in.exe, exe, sizeof(in.exe));
	in.exe_state = exe_state;
	h = siphash(&in, sizeof(in), &subject_key);
	return h ? h : 1;
}

static int __init uringaudit_cache_init(void)
{
	get_random_bytes(&subject_key, sizeof(subject_key));
	return 0;
}
core_initcall(uringaudit_cache_init);
