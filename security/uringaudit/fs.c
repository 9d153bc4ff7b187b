// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - securityfs interface
 *
 * /sys/kernel/security/uringaudit/
 *	policy		rw	the active policy in normal form, as it was
 *				when the file was opened; a write replaces it
 *				whole
 *	mode		rw	"enforce" or "permissive"
 *	lock		rw	"0" or "1"; writing "1" freezes policy and mode
 *				until reboot
 *	stats		r	decision and record counters
 *	status		r	mediation, mode, lock, rules, digest, load time
 *	abi_version	r	URINGAUDIT_ABI_VERSION
 *
 * Every write needs CAP_MAC_ADMIN and must come whole, in one write at
 * offset 0.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/security.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <uapi/linux/uringaudit.h>

#include "active.h"
#include "common.h"
#include "setup.h"
#include "stats.h"

/* Checks common to every write; returns 0 or the errno to fail it with. */
static int may_write(struct file *file, loff_t *ppos)
{
	if (!file_ns_capable(file, &init_user_ns, CAP_MAC_ADMIN))
		return -EPERM;
	if (*ppos != 0)
		return -EINVAL;
	return 0;
}

/*
 * The checks of every write, then the short keyword written to a knob,
 * without its trailing newline; returns 0 or the errno to fail it with.
 */
static int read_word(struct file *file, const char __user *data, size_t len,
		     loff_t *ppos, char *buf, size_t size)
{
	int err = may_write(file, ppos);

	if (err)
		return err;
	if (!len || len >= size)
		return -EINVAL;
	if (copy_from_user(buf, data, len))
		return -EFAULT;
	buf[len] = '\0';
	if (buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	return 0;
}

/*
 * A reader of the policy file sees the policy that was active when it
 * opened the file, whole, however small its reads and whatever is loaded
 * meanwhile.
 */
static int policy_open(struct inode *inode, struct file *file)
{
	if (file->f_mode & FMODE_READ)
		file->private_data = uringaudit_active_snapshot();
	return 0;
}

static ssize_t policy_read(struct file *file, char __user *buf, size_t count,
			   loff_t *ppos)
{
	const struct uringaudit_active *active = file->private_data;

	if (!active)
		return 0;
	return simple_read_from_buffer(buf, count, ppos, active->text,
				       active->text_len);
}

static int policy_release(struct inode *inode, struct file *file)
{
	if (file->private_data)
		uringaudit_active_put(file->private_data);
	return 0;
}

static ssize_t policy_write(struct file *file, const char __user *data,
			    size_t len, loff_t *ppos)
{
	char *text;
	int err;

	err = may_write(file, ppos);
	if (err)
		return err;
	if (!len)
		return -EINVAL;
	if (len > URINGAUDIT_POLICY_MAX_SIZE)
		return -EFBIG;
	/* Up to 1 MiB: vmalloc when contiguous pages are short. */
	text = vmemdup_user(data, len);
	if (IS_ERR(text))
		return PTR_ERR(text);
	err = uringaudit_load(text, len);
	kvfree(text);
	return err ? err : len;
}

static const struct file_operations policy_fops = {
	.open = policy_open,
	.read = policy_read,
	.write = policy_write,
	.release = policy_release,
	.llseek = generic_file_llseek,
};

static ssize_t mode_read(struct file *file, char __user *buf, size_t count,
			 loff_t *ppos)
{
	const char *mode = READ_ONCE(uringaudit_permissive) ? "permissive\n" :
							      "enforce\n";

	return simple_read_from_buffer(buf, count, ppos, mode, strlen(mode));
}

static ssize_t mode_write(struct file *file, const char __user *data,
			  size_t len, loff_t *ppos)
{
	char word[16];
	int err;

	err = read_word(file, data, len, ppos, word, sizeof(word));
	if (err)
		return err;
	if (!strcmp(word, "enforce"))
		err = uringaudit_set_permissive(false);
	else if (!strcmp(word, "permissive"))
		err = uringaudit_set_permissive(true);
	else
		err = -EINVAL;
	return err ? err : len;
}

static const struct file_operations mode_fops = {
	.read = mode_read,
	.write = mode_write,
	.llseek = generic_file_llseek,
};

static ssize_t lock_read(struct file *file, char __user *buf, size_t count,
			 loff_t *ppos)
{
	const char *val = READ_ONCE(uringaudit_locked) ? "1\n" : "0\n";

	return simple_read_from_buffer(buf, count, ppos, val, 2);
}

static ssize_t lock_write(struct file *file, const char __user *data,
			  size_t len, loff_t *ppos)
{
	char word[4];
	int err;

	err = read_word(file, data, len, ppos, word, sizeof(word));
	if (err)
		return err;
	if (strcmp(word, "1"))
		return -EINVAL;
	uringaudit_lock();
	return len;
}

static const struct file_operations lock_fops = {
	.read = lock_read,
	.write = lock_write,
	.llseek = generic_file_llseek,
};

static int stats_open(struct inode *inode, struct file *file)
{
	return single_open(file, uringaudit_stats_show, NULL);
}

static const struct file_operations stats_fops = {
	.open = stats_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

static int status_show(struct seq_file *m, void *v)
{
	const struct uringaudit_active *active;

	seq_printf(m, "abi %d\nmediation %s\nmode %s\nlocked %d\n",
		   URINGAUDIT_ABI_VERSION,
		   uringaudit_precise() ? "precise" : "compat",
		   READ_ONCE(uringaudit_permissive) ? "permissive" : "enforce",
		   READ_ONCE(uringaudit_locked) ? 1 : 0);
	rcu_read_lock();
	active = rcu_dereference(uringaudit_active);
	if (active) {
		const struct uringaudit_policy *pol = active->policy;

		seq_printf(m, "policy loaded\nrules %u\nunresolved %u\n",
			   pol->nr_rules, active->nr_unresolved);
		seq_printf(m, "default %s\nunrecorded %s\n",
			   uringaudit_action_names[pol->default_action],
			   uringaudit_action_names[pol->unrecorded]);
		seq_printf(m, "digest sha256:%*phN\nloaded %lld\n",
			   SHA256_DIGEST_SIZE, active->digest, active->loaded);
	} else {
		seq_puts(m, "policy none\n");
	}
	rcu_read_unlock();
	return 0;
}

static int status_open(struct inode *inode, struct file *file)
{
	return single_open(file, status_show, NULL);
}

static const struct file_operations status_fops = {
	.open = status_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

static ssize_t abi_version_read(struct file *file, char __user *buf,
				size_t count, loff_t *ppos)
{
	char tmp[16];
	int len;

	len = scnprintf(tmp, sizeof(tmp), "%d\n", URINGAUDIT_ABI_VERSION);
	return simple_read_from_buffer(buf, count, ppos, tmp, len);
}

static const struct file_operations abi_version_fops = {
	.read = abi_version_read,
	.llseek = default_llseek,
};

static const struct {
	const char *name;
	umode_t mode;
	const struct file_operations *fops;
} files[] = {
	{ "policy", 0600, &policy_fops },
	{ "mode", 0600, &mode_fops },
	{ "lock", 0600, &lock_fops },
	{ "stats", 0444, &stats_fops },
	{ "status", 0444, &status_fops },
	{ "abi_version", 0444, &abi_version_fops },
};

static int __init uringaudit_init_securityfs(void)
{
	struct dentry *root, *node;
	size_t i;

	if (!uringaudit_initialized)
		return 0;

	root = securityfs_create_dir(URINGAUDIT_FS_DIR, NULL);
	if (IS_ERR(root)) {
		pr_err("Failed to create the securityfs directory: %ld\n",
		       PTR_ERR(root));
		return PTR_ERR(root);
	}
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		node = securityfs_create_file(files[i].name, files[i].mode,
					      root, NULL, files[i].fops);
		if (IS_ERR(node)) {
			pr_err("Failed to create \"%s\": %ld\n", files[i].name,
			       PTR_ERR(node));
			securityfs_recursive_remove(root);
			return PTR_ERR(node);
		}
	}
	return 0;
}

fs_initcall(uringaudit_init_securityfs);
