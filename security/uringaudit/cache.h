/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Decisions a task, or an open file, remembers
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_CACHE_H
#define _SECURITY_URINGAUDIT_CACHE_H

#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/fs.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/uidgid_types.h>
#include <asm/barrier.h>

/**
 * struct uringaudit_subject_values - What a remembered decision depended on
 * @euid: Effective user ID of the op's credentials (initial namespace).
 * @egid: Effective group ID of the op's credentials.
 * @auid: Login user ID of the submitter.
 * @ctx: The op's context.
 * @cgroup: The cgroup ID of the task doing the op, when the policy has
 *	cgroup rules; else 0.
 */
struct uringaudit_subject_values {
	u32 euid;
	u32 egid;
	u32 auid;
	u32 ctx;
	u64 cgroup;
};

/**
 * uringaudit_values_equal() - Whether two sets of subject values are one
 * @a: A set.
 * @b: Another.
 *
 * Return: true when every value is the same.
 */
static inline bool
uringaudit_values_equal(const struct uringaudit_subject_values *a,
			const struct uringaudit_subject_values *b)
{
	return a->euid == b->euid && a->egid == b->egid && a->auid == b->auid &&
	       a->ctx == b->ctx && a->cgroup == b->cgroup;
}

/**
 * struct uringaudit_subject_memo - A task's last subject, read and hashed
 *
 * What the values of struct uringaudit_subject_values come from, as the
 * kernel holds them, so that a task whose subject did not change finds its
 * values and hash with a few compares: no ID mapped, nothing hashed.  The
 * program is not compared: it is the task's until execve(2), which empties
 * the memo with the rest of the cache.
 *
 * @keys: The keys of the policy that need more than the IDs it was read
 *	for (%URINGAUDIT_MATCH_EXE, %URINGAUDIT_MATCH_CGROUP).
 * @euid: Effective user ID of the op's credentials.
 * @egid: Effective group ID.
 * @auid: Login user ID of the submitter.
 * @cgroup: As in struct uringaudit_subject_values.
 * @exe: The identity of its program (a struct uringaudit_key), zero when
 *	the policy names no program.
 * @exe_state: Its &enum uringaudit_value.
 * @values: The values these give (@values.ctx is 0).
 * @hash: Their keyed hash (uringaudit_subject_hash()); 0 when the memo is
 *	empty.
 */
struct uringaudit_subject_memo {
	u32 keys;
	kuid_t euid;
	kgid_t egid;
	kuid_t auid;
	u64 cgroup;
	u8 exe[16];
	u8 exe_state;
	struct uringaudit_subject_values values;
	u64 hash;
};

/**
 * struct uringaudit_cache - The ops a task was allowed, silently, lately
 *
 * A decision that no record follows and that depends on nothing but the
 * op class, its context and the subject's values comes out the same the
 * next time those are the same under the same policy.  Only the task
 * itself reads and writes its cache; it is dropped at execve(2), which
 * changes the program.
 *
 * @generation: The generation of the policy it holds for; 0 when empty.
 * @values: The values it holds for.
 * @allow: The op classes allowed (a bit per &enum uringaudit_op).
 * @memo: The task's last subject.
 */
struct uringaudit_cache {
	u64 generation;
	struct uringaudit_subject_values values;
	u64 allow;
	struct uringaudit_subject_memo memo;
};

/**
 * struct uringaudit_file - An open file's remembered decision
 *
 * The same for a file: the op classes a subject was allowed on it,
 * silently, under a policy, whatever that policy says of its path.  The
 * subject is known by a keyed hash of its values and program.  Tasks that
 * share the file read it without a lock: @seq is odd while one of them
 * writes, and changes with every write, so that a reader never takes the
 * fields of two entries for one.
 *
 * @seq: Write count, doubled; odd while a task writes.
 * @subject: The hash of the subject it holds for.
 * @allow: The op classes allowed (a bit per &enum uringaudit_op).
 * @generation: The low 32 bits of the generation of the policy; 0 when
 *	empty.
 * @ctx: The context it holds for.
 */
struct uringaudit_file {
	u32 seq;
	u64 subject;
	u64 allow;
	u32 generation;
	u32 ctx;
};

/**
 * uringaudit_cache_allows() - Whether a task was allowed an op already
 * @c: The current task's cache.
 * @generation: The generation of the active policy.
 * @v: The op's subject values.
 * @op: The op class.
 *
 * Return: true when the same op was allowed, silently, with the same
 * values and policy.
 */
static inline bool
uringaudit_cache_allows(const struct uringaudit_cache *c, u64 generation,
			const struct uringaudit_subject_values *v, u32 op)
{
	return c->generation == generation && (c->allow & BIT_ULL(op)) &&
	       uringaudit_values_equal(&c->values, v);
}

void uringaudit_cache_remember(struct uringaudit_cache *c, u64 generation,
			       const struct uringaudit_subject_values *v,
			       u32 op);
void uringaudit_cache_drop(struct uringaudit_cache *c);

/**
 * uringaudit_file_allows() - Whether a subject was allowed an op on a file
 * @f: The file's cache.
 * @generation: The generation of the active policy.
 * @subject: The subject's hash (uringaudit_subject_hash()).
 * @ctx: The op's context.
 * @op: The op class.
 *
 * Return: true when the same op was allowed, silently, to the same subject
 * under the same policy.
 */
static __always_inline bool
uringaudit_file_allows(const struct uringaudit_file *f, u64 generation,
		       u64 subject, u32 ctx, u32 op)
{
	bool hit;
	u32 seq;

	/* Pairs with the release in uringaudit_file_remember(). */
	seq = smp_load_acquire(&f->seq);
	if (seq & 1)
		return false;
	hit = READ_ONCE(f->generation) == (u32)generation &&
	      READ_ONCE(f->subject) == subject && READ_ONCE(f->ctx) == ctx &&
	      (READ_ONCE(f->allow) & BIT_ULL(op));
	/* The fields were read before the count is read again. */
	smp_rmb();
	return hit && READ_ONCE(f->seq) == seq;
}

/**
 * uringaudit_file_cacheable() - Whether a file may remember decisions
 * @file: The file.
 *
 * A decision remembered on a file holds only while the file is what was
 * decided.  A socket is not: it can be connected to another peer, and what
 * it sends to or receives from is its peer.  A file of a stacked file
 * system (overlayfs; FUSE with passthrough) is not either: its reads and
 * writes act on a backing file, which is decided in its own right each
 * time.
 *
 * Return: true for a file whose decisions may be remembered.
 */
static __always_inline bool uringaudit_file_cacheable(const struct file *file)
{
	const struct inode *inode = file_inode(file);

	return !S_ISSOCK(inode->i_mode) && !inode->i_sb->s_stack_depth;
}

void uringaudit_file_remember(struct uringaudit_file *f, u64 generation,
			      u64 subject, u32 ctx, u32 op);
u64 uringaudit_subject_hash(const struct uringaudit_subject_values *v,
			    const u8 exe[16], u8 exe_state);

#endif /* _SECURITY_URINGAUDIT_CACHE_H */
