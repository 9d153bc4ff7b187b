// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - The objects a policy's path= and exe= rules name
 *
 * A rule names what was at its path in the initial mount namespace when
 * the policy was loaded, whoever loads it and from wherever: the lookup
 * runs on a kernel worker, whose root and mount namespace are the initial
 * ones.  A path= rule names the file or directory found there and the
 * roots of the file systems mounted below it, and for a file, whatever its
 * directory holds under its name (the file that replaced it); an exe= rule
 * names the program file found there; an addr= rule on a unix socket path
 * names the socket file found there.  A path that does not exist then is
 * matched by name (for a socket, the path of the socket file an op
 * reaches); a program that does not exist then matches nothing.  Either way the
 * rule is counted unresolved: loading the policy again resolves it anew.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "object.h"
#include "resolve.h"

struct resolve_work {
	struct work_struct work;
	struct uringaudit_policy *policy;
	u32 unresolved;
	int err;
};

struct keys {
	struct uringaudit_key *keys;
	u32 nr;
	u32 cap;
	int err;
};

static int add_key(struct keys *k, const struct inode *inode)
{
	struct uringaudit_key key, *grown;
	u32 i;

	uringaudit_key_of(inode, &key);
	for (i = 0; i < k->nr; i++)
		if (!memcmp(&k->keys[i], &key, sizeof(key)))
			return 0;
	if (k->nr == k->cap) {
		u32 cap = k->cap ? 2 * k->cap : 4;

		grown = kvrealloc(k->keys, cap * sizeof(key),
				  GFP_KERNEL_ACCOUNT);
		if (!grown)
			return -ENOMEM;
		k->keys = grown;
		k->cap = cap;
	}
	k->keys[k->nr++] = key;
	return 0;
}

static int add_mount(struct vfsmount *mnt, void *arg)
{
	struct keys *k = arg;

	k->err = add_key(k, d_backing_inode(mnt->mnt_root));
	return k->err;
}

/* A file, not a directory: its directory and its name there. */
static int resolve_leaf(struct uringaudit_rule *r, struct dentry *d)
{
	struct name_snapshot name;
	struct dentry *dir;

	if (d_is_dir(d))
		return 0;
	take_dentry_name_snapshot(&name, d);
	r->leaf = kstrdup(name.name.name, GFP_KERNEL_ACCOUNT);
	release_dentry_name_snapshot(&name);
	if (!r->leaf)
		return -ENOMEM;
	dir = dget_parent(d);
	uringaudit_key_of(d_backing_inode(dir), &r->leaf_dir);
	dput(dir);
	return 0;
}

/*
 * The object at @name and the roots of what is mounted below it; for a
 * file, also its directory and name.
 */
static int resolve_path(struct uringaudit_rule *r)
{
	struct keys k = {};
	struct vfsmount *tree;
	struct path path;
	int err;

	err = kern_path(r->path, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	err = resolve_leaf(r, path.dentry);
	if (!err)
		err = add_key(&k, d_backing_inode(path.dentry));
	tree = err ? NULL : collect_mounts(&path);
	if (!IS_ERR_OR_NULL(tree)) {
		iterate_mounts(add_mount, &k, tree);
		drop_collected_mounts(tree);
		err = k.err;
	}
	path_put(&path);
	if (err) {
		kvfree(k.keys);
		return err;
	}
	r->path_keys = k.keys;
	r->nr_path_keys = k.nr;
	r->resolved |= URINGAUDIT_RESOLVED_PATH;
	return 0;
}

static int resolve_exe(struct uringaudit_rule *r)
{
	struct path path;
	int err;

	err = kern_path(r->exe, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	uringaudit_key_of(d_backing_inode(path.dentry), &r->exe_key);
	r->resolved |= URINGAUDIT_RESOLVED_EXE;
	path_put(&path);
	return 0;
}

/*
 * A unix socket path: the socket file found there, followed through
 * symbolic links as connect(2) follows them.
 */
static int resolve_unix(struct uringaudit_rule *r)
{
	struct path path;
	int err;

	err = kern_path(r->addr.unix_path, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	if (!S_ISSOCK(d_backing_inode(path.dentry)->i_mode)) {
		path_put(&path);
		return -ENOTSOCK;
	}
	uringaudit_key_of(d_backing_inode(path.dentry), &r->addr.key);
	r->addr.has_key = true;
	r->resolved |= URINGAUDIT_RESOLVED_ADDR;
	path_put(&path);
	return 0;
}

/* Whether @r names a unix socket by its path. */
static bool names_unix_path(const struct uringaudit_rule *r)
{
	return (r->match & URINGAUDIT_MATCH_ADDR) &&
	       r->addr.family == URINGAUDIT_AF_UNIX &&
	       r->addr.unix_path[0] == '/';
}

static void resolve_rules(struct work_struct *work)
{
	struct resolve_work *rw = container_of(work, struct resolve_work, work);
	struct uringaudit_policy *pol = rw->policy;
	u32 i;
	int err;

	for (i = 0; i < pol->nr_rules; i++) {
		struct uringaudit_rule *r = &pol->rules[i];

		if (r->match & URINGAUDIT_MATCH_EXE) {
			err = resolve_exe(r);
			if (err == -ENOMEM)
				goto fail;
			rw->unresolved += !!err;
		}
		if (names_unix_path(r)) {
			err = resolve_unix(r);
			if (err == -ENOMEM)
				goto fail;
			rw->unresolved += !!err;
		}
		if (!(r->match & URINGAUDIT_MATCH_PATH))
			continue;
		if (r->path_len == 1) {
			r->resolved |= URINGAUDIT_RESOLVED_ANY_PATH;
			continue;
		}
		err = resolve_path(r);
		if (err == -ENOMEM)
			goto fail;
		rw->unresolved += !!err;
	}
	return;
fail:
	rw->err = -ENOMEM;
}

/**
 * uringaudit_resolve() - Find what a policy's path=, exe= and unix addr= rules name
 * @policy: The policy, parsed and not yet indexed.
 * @unresolved: Set to the number of rules whose path or program was not
 *	found.
 *
 * Context: Process context; sleeps until the lookups are done.
 * Return: 0, or -%ENOMEM.
 */
int uringaudit_resolve(struct uringaudit_policy *policy, u32 *unresolved)
{
	struct resolve_work rw = { .policy = policy };
	u32 i;

	*unresolved = 0;
	for (i = 0; i < policy->nr_rules; i++)
		if ((policy->rules[i].match &
		     (URINGAUDIT_MATCH_EXE | URINGAUDIT_MATCH_PATH)) ||
		    names_unix_path(&policy->rules[i]))
			break;
	if (i == policy->nr_rules)
		return 0;

	INIT_WORK_ONSTACK(&rw.work, resolve_rules);
	queue_work(system_unbound_wq, &rw.work);
	flush_work(&rw.work);
	destroy_work_on_stack(&rw.work);
	*unresolved = rw.unresolved;
	return rw.err;
}
