// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit - path= names files, not names.
 *
 * With "deny op=open path=/tmp/idt/secret-dir", loaded once the directory
 * and its file exist, every way a process can take to the file is denied,
 * inline and on io-wq, and recorded with the file's name from the root of
 * the initial mount namespace (path=) and, when it differs, the name the
 * task used (task_path=): a chroot into the directory or its parent, a
 * bind mount in a mount namespace of its own or in the initial one, a
 * symbolic link to the file or to the directory, "..", a path longer than
 * 256 bytes, a file deeper than PATH_MAX, the directory renamed after the
 * policy was loaded.  Each way is taken as root and, where it can be, as
 * uid 1000 in a user namespace of its own (variant "user").
 *
 * Then what path= does with hard links (a rule on a file follows its
 * links; a rule on a directory does not see a link to its file from
 * outside: a known limitation, asserted so that a change is noticed), with
 * a file replaced after load (the rule names the file and what replaces
 * it at its name), and with a path that did not exist at load (matched by
 * its name from the initial root until a reload finds it; not from another
 * mount namespace: a documented limitation, asserted).
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <linux/limits.h>
#include <sys/sysmacros.h>
#include <time.h>

#include "kselftest_harness.h"
#include "identity.h"

#define IDT "/tmp/idt"
#define SECRET IDT "/secret-dir"
#define SECRET_FILE SECRET "/file"
#define RULE "deny op=open path=" SECRET "\n"

/* A name of 200 bytes, and how many such directories pass PATH_MAX. */
#define LONG_NAME_LEN 200
#define DEEP_LEVELS (PATH_MAX / (LONG_NAME_LEN + 1) + 4)

FIXTURE(path)
{
	int audit_fd;
	char long_name[LONG_NAME_LEN + 1];
	char deep_name[LONG_NAME_LEN + 1];
};

FIXTURE_VARIANT(path)
{
	bool user;
};

/* clang-format off */
FIXTURE_VARIANT_ADD(path, root)
{
	.user = false,
};

FIXTURE_VARIANT_ADD(path, user)
{
	.user = true,
};
/* clang-format on */

/* Remove the chain of DEEP_LEVELS directories under @top, bottom up. */
static void remove_deep(const char *top, const char *name)
{
	int fds[DEEP_LEVELS + 1], i, n;

	fds[0] = open(top, O_PATH | O_DIRECTORY | O_CLOEXEC);
	for (n = 0; n < DEEP_LEVELS && fds[n] >= 0; n++)
		fds[n + 1] =
			openat(fds[n], name, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (n == DEEP_LEVELS && fds[n] >= 0)
		unlinkat(fds[n], "file", 0);
	for (i = n; i > 0; i--) {
		if (fds[i] >= 0)
			close(fds[i]);
		unlinkat(fds[i - 1], name, AT_REMOVEDIR);
	}
	if (fds[0] >= 0)
		close(fds[0]);
}

/*
 * Give symbolic link @link an access time a day ahead, so that following
 * it never has to update it.  A lookup under RCU cannot, and io_uring's
 * inline open then hands the open to io-wq, where it is recorded as
 * ctx=iowq (records_test: inline_open_handed_to_iowq_decided_there).  A
 * link created and followed within one clock tick needs that update at
 * every follow; without this, the inline open of a way through a link
 * would run on io-wq or inline by chance.
 * Return: 0, or -errno.
 */
static int settle_link(const char *link)
{
	const struct timespec times[2] = { { .tv_sec = time(NULL) + 86400 },
					   { .tv_nsec = UTIME_OMIT } };

	return utimensat(AT_FDCWD, link, times, AT_SYMLINK_NOFOLLOW) ? -errno :
								       0;
}

FIXTURE_SETUP(path)
{
	static const char *const dirs[] = { IDT, SECRET, IDT "/other",
					    IDT "/elsewhere", IDT "/bound" };
	char name[PATH_MAX];
	unsigned int i;

	if (!uringaudit_expected())
		SKIP(return, "uringaudit is not active in this boot");
	reset_uringaudit();
	memset(self->long_name, 'l', LONG_NAME_LEN);
	self->long_name[LONG_NAME_LEN] = '\0';
	memset(self->deep_name, 'd', LONG_NAME_LEN);
	self->deep_name[LONG_NAME_LEN] = '\0';
	idt_rm_rf(IDT);
	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		ASSERT_EQ(0, mkdir(dirs[i], 0755));
		ASSERT_EQ(0, chmod(dirs[i], 0755));
	}
	ASSERT_EQ(0, idt_make_file(SECRET_FILE, 0644));
	ASSERT_EQ(0, symlink(SECRET_FILE, IDT "/link-file"));
	ASSERT_EQ(0, symlink(SECRET, IDT "/link-dir"));
	ASSERT_EQ(0, settle_link(IDT "/link-file"));
	ASSERT_EQ(0, settle_link(IDT "/link-dir"));
	ASSERT_EQ(0, link(SECRET_FILE, IDT "/hard"));
	/* SECRET/<200 bytes>/<200 bytes>: a name past any 256-byte buffer. */
	snprintf(name, sizeof(name), "%s/%s", SECRET, self->long_name);
	ASSERT_EQ(0, mkdir(name, 0755));
	ASSERT_EQ(0, chmod(name, 0755));
	snprintf(name, sizeof(name), "%s/%s/%s", SECRET, self->long_name,
		 self->long_name);
	ASSERT_EQ(0, idt_make_file(name, 0644));

	self->audit_fd = audit_open();
	ASSERT_LE(0, self->audit_fd);
	ASSERT_EQ(0, load_policy(RULE));
	ASSERT_EQ(0, idt_unresolved());
}

FIXTURE_TEARDOWN(path)
{
	if (!uringaudit_expected())
		return;
	reset_uringaudit();
	close(self->audit_fd);
	remove_deep(SECRET, self->deep_name);
	idt_rm_rf(IDT);
}

/*
 * In a child, in the variant's namespaces: set up @w and open its path
 * inline and on io-wq, each to end in @want.  Returns the child; its exit
 * code (0: as wanted) goes to @code.
 */
static pid_t reach(bool user, const struct idt_way *w, int want, int *code)
{
	pid_t pid = fork();
	int ret;

	if (pid < 0)
		return pid;
	if (!pid) {
		ret = idt_take_way(user, w);
		if (ret) {
			fprintf(stderr, "# child: setting up the view: %s\n",
				strerror(-ret));
			_exit(IDT_SETUP_FAILED);
		}
		_exit(idt_try_open(AT_FDCWD, w->path, want));
	}
	*code = idt_wait_child(pid);
	return pid;
}

/*
 * The records of @pid's denied opens, inline then on io-wq: @path from the
 * initial root (never a name only the task knows: no path_root=task), and
 * @task_path when the task saw another name, else none.
 *
 * With @other_ns the task opened the file through a mount of its own mount
 * namespace, which the initial root does not reach: the record names the
 * file as the task saw it, marked path_root=task, and identifies it by
 * dev= and ino= (a documented limitation: only mount internals could find
 * the initial namespace's mount of the same file system).
 */
static void expect_other_ns(struct __test_metadata *_metadata,
			    const struct audit_record *rec, const char *path,
			    const char *task_path)
{
	const char *seen = task_path ? task_path : path;
	char want[32];
	struct stat st;

	EXPECT_TRUE(idt_field_eq(rec, "path", seen))
	{
		TH_LOG("want path=\"%s\": %s", seen, rec->text);
	}
	EXPECT_TRUE(field_is(rec->text, "path_root", "task"))
	{
		TH_LOG("want path_root=task: %s", rec->text);
	}
	EXPECT_FALSE(idt_has_field(rec, "task_path"));
	ASSERT_EQ(0, stat(path, &st));
	snprintf(want, sizeof(want), "%lu", (unsigned long)st.st_ino);
	EXPECT_TRUE(field_is(rec->text, "ino", want))
	{
		TH_LOG("want ino=%s (%s): %s", want, path, rec->text);
	}
}

static void expect_denied(struct __test_metadata *_metadata, int audit_fd,
			  pid_t pid, const char *path, const char *task_path,
			  bool other_ns)
{
	static const char *const ctxs[] = { "inline", "iowq" };
	struct audit_record rec;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ctxs); i++) {
		bool named, seen, initial;

		ASSERT_EQ(0, idt_wait_record(audit_fd, &rec, "open", ctxs[i],
					     "deny", pid))
		{
			TH_LOG("no deny record of the %s open", ctxs[i]);
		}
		if (other_ns) {
			expect_other_ns(_metadata, &rec, path, task_path);
			continue;
		}
		named = idt_field_eq(&rec, "path", path);
		seen = task_path ? idt_field_eq(&rec, "task_path", task_path) :
				   !idt_has_field(&rec, "task_path");
		initial = !idt_has_field(&rec, "path_root");
		EXPECT_TRUE(named)
		{
			TH_LOG("want path=\"%s\"", path);
		}
		EXPECT_TRUE(seen)
		{
			TH_LOG("want task_path=\"%s\"",
			       task_path ? task_path : "(none)");
		}
		EXPECT_TRUE(initial)
		{
			TH_LOG("path_root=task: no name from the initial root");
		}
		EXPECT_TRUE(field_is(rec.text, "res", "0"));
		/* Compat mode has no io_uring hook to tell the opcode. */
		if (uringaudit_precise())
			EXPECT_TRUE(field_is(rec.text, "opcode", "openat"));
		if (!named || !seen || !initial)
			TH_LOG("record: %s", rec.text);
	}
}

/* Take way @w: both opens denied, recorded with @path and @task_path. */
static void denied_way(struct __test_metadata *_metadata, int audit_fd,
		       bool user, const struct idt_way *w, const char *path,
		       const char *task_path)
{
	int code;
	pid_t pid = reach(user, w, -EACCES, &code);

	ASSERT_LT(0, pid);
	ASSERT_EQ(0, code);
	expect_denied(_metadata, audit_fd, pid, path, task_path,
		      user || w->mntns);
}

/* Take way @w: both opens allowed. */
static void allowed_way(struct __test_metadata *_metadata, bool user,
			const struct idt_way *w)
{
	int code;

	ASSERT_LT(0, reach(user, w, 0, &code));
	ASSERT_EQ(0, code);
}

TEST_F(path, chroot_into_parent_short_name_denied)
{
	const struct idt_way w = { .root = IDT, .path = "/secret-dir/file" };

	denied_way(_metadata, self->audit_fd, variant->user, &w, SECRET_FILE,
		   "/secret-dir/file");
}

TEST_F(path, chroot_into_the_dir_itself_denied)
{
	const struct idt_way w = { .root = SECRET, .path = "/file" };

	denied_way(_metadata, self->audit_fd, variant->user, &w, SECRET_FILE,
		   "/file");
}

TEST_F(path, bind_mount_in_new_mount_ns_denied)
{
	const struct idt_way w = { .mntns = true,
				   .bind_src = SECRET,
				   .bind_dst = IDT "/elsewhere",
				   .path = IDT "/elsewhere/file" };

	denied_way(_metadata, self->audit_fd, variant->user, &w, SECRET_FILE,
		   IDT "/elsewhere/file");
}

/* Root only: the mount is the initial namespace's, and names the file. */
TEST_F(path, bind_mount_in_initial_ns_denied)
{
	const struct idt_way w = { .bind_src = SECRET,
				   .bind_dst = IDT "/bound",
				   .path = IDT "/bound/file" };

	if (variant->user)
		SKIP(return, "only root mounts in the initial namespace");
	denied_way(_metadata, self->audit_fd, false, &w, IDT "/bound/file",
		   NULL);
	umount2(IDT "/bound", MNT_DETACH);
}

TEST_F(path, symlink_to_file_denied)
{
	const struct idt_way w = { .path = IDT "/link-file" };

	denied_way(_metadata, self->audit_fd, variant->user, &w, SECRET_FILE,
		   NULL);
}

TEST_F(path, symlink_to_dir_denied)
{
	const struct idt_way w = { .path = IDT "/link-dir/file" };

	denied_way(_metadata, self->audit_fd, variant->user, &w, SECRET_FILE,
		   NULL);
}

TEST_F(path, dotdot_traversal_denied)
{
	const struct idt_way w = { .path = IDT "/other/../secret-dir/./file" };

	denied_way(_metadata, self->audit_fd, variant->user, &w, SECRET_FILE,
		   NULL);
}

/*
 * Past any 256-byte buffer: a path string of 1 KiB of "other/../", and a
 * file whose own name is over 400 bytes, recorded whole.
 */
TEST_F(path, path_longer_than_256_bytes_denied)
{
	char padded[1200], real[PATH_MAX];
	struct idt_way w = { .path = padded };
	size_t len;

	len = snprintf(padded, sizeof(padded), "%s", IDT "/");
	while (len < 1024)
		len += snprintf(padded + len, sizeof(padded) - len,
				"other/../");
	snprintf(padded + len, sizeof(padded) - len, "secret-dir/file");
	denied_way(_metadata, self->audit_fd, variant->user, &w, SECRET_FILE,
		   NULL);

	snprintf(real, sizeof(real), "%s/%s/%s", SECRET, self->long_name,
		 self->long_name);
	ASSERT_LT(256, strlen(real));
	w.path = real;
	denied_way(_metadata, self->audit_fd, variant->user, &w, real, NULL);
}

/*
 * A file below more than PATH_MAX bytes of directories, opened relative to
 * a descriptor of its directory: no name fits, and it is still denied.
 * The record must say why it has no name (path_err=) or give one.
 */
TEST_F(path, deeper_than_path_max_denied)
{
	struct audit_record rec;
	char path[8192], dev[32];
	int fd, next, i, code;
	struct stat st;
	pid_t pid;

	fd = open(SECRET, O_PATH | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	for (i = 0; i < DEEP_LEVELS; i++) {
		ASSERT_EQ(0, mkdirat(fd, self->deep_name, 0755))
		{
			TH_LOG("level %d: %s", i, strerror(errno));
		}
		next = openat(fd, self->deep_name,
			      O_PATH | O_DIRECTORY | O_CLOEXEC);
		ASSERT_LE(0, next);
		ASSERT_EQ(0, fchmodat(fd, self->deep_name, 0755, 0));
		close(fd);
		fd = next;
	}
	next = openat(fd, "file", O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	ASSERT_LE(0, next);
	ASSERT_EQ(0, fchmod(next, 0644));
	ASSERT_EQ(0, fstat(next, &st));
	close(next);

	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		if (idt_enter(variant->user, false))
			_exit(IDT_SETUP_FAILED);
		_exit(idt_try_open(fd, "file", -EACCES));
	}
	code = idt_wait_child(pid);
	close(fd);
	ASSERT_EQ(0, code);

	snprintf(dev, sizeof(dev), "%02x:%02x", major(st.st_dev),
		 minor(st.st_dev));
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0,
			  idt_wait_record(self->audit_fd, &rec, "open",
					  i ? "iowq" : "inline", "deny", pid));
		TH_LOG("record: %s", rec.text);
		EXPECT_TRUE(field_is(rec.text, "dev", dev));
		snprintf(path, sizeof(path), "%lu", (unsigned long)st.st_ino);
		EXPECT_TRUE(field_is(rec.text, "ino", path));
		ASSERT_TRUE(
			idt_str_field(rec.text, "path", path, sizeof(path)));
		EXPECT_TRUE(strcmp(path, "?") ||
			    idt_has_field(&rec, "path_err"))
		{
			TH_LOG("path=? and no path_err= says why");
		}
	}
}

/* The rule follows the directory, not its old name. */
TEST_F(path, dir_renamed_after_load_still_denied)
{
	const struct idt_way w = { .path = IDT "/moved/file" };

	ASSERT_EQ(0, rename(SECRET, IDT "/moved"));
	denied_way(_metadata, self->audit_fd, variant->user, &w,
		   IDT "/moved/file", NULL);
}

/*
 * Known limitation: a rule on a directory covers the files whose dentries
 * lie under it; a hard link to its file from outside it is another dentry,
 * and is not covered.  Asserted so that a change is noticed.
 */
TEST_F(path, dir_rule_misses_hard_link_from_outside)
{
	const struct idt_way w = { .path = IDT "/hard" };

	allowed_way(_metadata, variant->user, &w);
}

/* A rule on a file names the inode: every hard link to it is denied. */
TEST_F(path, file_rule_follows_hard_links)
{
	const struct idt_way w = { .path = IDT "/hard" };

	ASSERT_EQ(0, load_policy("deny op=open path=" SECRET_FILE "\n"));
	denied_way(_metadata, self->audit_fd, variant->user, &w, IDT "/hard",
		   NULL);
}

/*
 * A rule on a file names the file, wherever it is linked, and what its
 * directory holds under that name later: a file renamed over it, or
 * created after an unlink.
 */
TEST_F(path, file_rule_names_the_file_and_what_replaces_it)
{
	const struct idt_way plain = { .path = IDT "/plain" };
	const struct idt_way kept = { .path = IDT "/kept" };

	ASSERT_EQ(0, idt_make_file(IDT "/plain", 0644));
	ASSERT_EQ(0, idt_make_file(IDT "/new", 0644));
	ASSERT_EQ(0, load_policy("deny op=open path=" IDT "/plain\n"));
	ASSERT_EQ(0, link(IDT "/plain", IDT "/kept"));
	ASSERT_EQ(0, rename(IDT "/new", IDT "/plain"));
	denied_way(_metadata, self->audit_fd, variant->user, &kept, IDT "/kept",
		   NULL);
	denied_way(_metadata, self->audit_fd, variant->user, &plain,
		   IDT "/plain", NULL);
	ASSERT_EQ(0, unlink(IDT "/plain"));
	ASSERT_EQ(0, idt_make_file(IDT "/plain", 0644));
	denied_way(_metadata, self->audit_fd, variant->user, &plain,
		   IDT "/plain", NULL);
}

/*
 * A path that does not exist at load: counted unresolved and matched by
 * its name from the initial root, so a file created there later is denied
 * (also through a chroot), while the directory renamed away is no longer;
 * loaded again, the rule names the directory and follows it.
 */
TEST_F(path, unresolved_path_matches_by_name_until_reload)
{
	const struct idt_way later = { .path = IDT "/later/file" };
	const struct idt_way chrooted = { .root = IDT, .path = "/later/file" };
	const struct idt_way moved = { .path = IDT "/later2/file" };
	const char *rule = "deny op=open path=" IDT "/later\n";

	if (variant->user)
		SKIP(return, "another mount namespace: see the test after");
	ASSERT_EQ(0, load_policy(rule));
	EXPECT_EQ(1, idt_unresolved());
	ASSERT_EQ(0, mkdir(IDT "/later", 0755));
	ASSERT_EQ(0, chmod(IDT "/later", 0755));
	ASSERT_EQ(0, idt_make_file(IDT "/later/file", 0644));
	denied_way(_metadata, self->audit_fd, false, &later, IDT "/later/file",
		   NULL);
	denied_way(_metadata, self->audit_fd, false, &chrooted,
		   IDT "/later/file", "/later/file");

	ASSERT_EQ(0, rename(IDT "/later", IDT "/later2"));
	allowed_way(_metadata, false, &moved);

	ASSERT_EQ(0, rename(IDT "/later2", IDT "/later"));
	ASSERT_EQ(0, load_policy(rule));
	EXPECT_EQ(0, idt_unresolved());
	ASSERT_EQ(0, rename(IDT "/later", IDT "/later2"));
	denied_way(_metadata, self->audit_fd, false, &moved, IDT "/later2/file",
		   NULL);
}

/*
 * Documented limitation: a rule matched by name does not match in another
 * mount namespace, where the kernel finds no name from the initial root
 * for the file (even one the initial root reaches, as here).  Asserted so
 * that a change is noticed.
 */
TEST_F(path, unresolved_rule_misses_other_mount_ns)
{
	const struct idt_way later = { .mntns = true,
				       .path = IDT "/later/file" };

	ASSERT_EQ(0, load_policy("deny op=open path=" IDT "/later\n"));
	EXPECT_EQ(1, idt_unresolved());
	ASSERT_EQ(0, mkdir(IDT "/later", 0755));
	ASSERT_EQ(0, chmod(IDT "/later", 0755));
	ASSERT_EQ(0, idt_make_file(IDT "/later/file", 0644));
	allowed_way(_metadata, variant->user, &later);
}

TEST_HARNESS_MAIN
