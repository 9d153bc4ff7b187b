/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Policy: its parsed form, parser and matcher
 *
 * This header, policy_parser.c and policy_match.c build both in the kernel
 * and in user space (uringaudit-ctl check and explain), so that a policy
 * means exactly the same thing to both.  Outside the kernel, the including
 * program provides the few kernel types and allocators they use.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_POLICY_H
#define _SECURITY_URINGAUDIT_POLICY_H

#ifdef __KERNEL__
#include <linux/bits.h>
#include <linux/types.h>
#endif /* __KERNEL__ */

/**
 * enum uringaudit_op - What uringaudit decides on: op classes and events
 *
 * An op class groups the io_uring operations that reach the same LSM hook;
 * an event is a moment in a ring's life.  docs/admin-guide.rst maps every
 * IORING_OP_* to its class.
 *
 * @URINGAUDIT_OP_OPEN: A file is opened (file_open).
 * @URINGAUDIT_OP_READ: A file is read (file_permission).
 * @URINGAUDIT_OP_WRITE: A file is written (file_permission).
 * @URINGAUDIT_OP_TRUNCATE: A file is truncated (file_truncate).
 * @URINGAUDIT_OP_STATX: A file's attributes are read (inode_getattr).
 * @URINGAUDIT_OP_GETXATTR: An extended attribute is read.
 * @URINGAUDIT_OP_SETXATTR: An extended attribute is written.
 * @URINGAUDIT_OP_UNLINK: A name is removed (path_unlink).
 * @URINGAUDIT_OP_RMDIR: A directory is removed (path_rmdir).
 * @URINGAUDIT_OP_RENAME: A name is moved (path_rename).
 * @URINGAUDIT_OP_MKDIR: A directory is made (path_mkdir).
 * @URINGAUDIT_OP_SYMLINK: A symbolic link is made (path_symlink).
 * @URINGAUDIT_OP_LINK: A hard link is made (path_link).
 * @URINGAUDIT_OP_FD_INSTALL: A file gets a descriptor (file_receive).
 * @URINGAUDIT_OP_SOCKET: A socket is made (socket_create).
 * @URINGAUDIT_OP_CONNECT: A socket connects (socket_connect).
 * @URINGAUDIT_OP_ACCEPT: A socket accepts (socket_accept).
 * @URINGAUDIT_OP_BIND: A socket is bound (socket_bind).
 * @URINGAUDIT_OP_LISTEN: A socket listens (socket_listen).
 * @URINGAUDIT_OP_SEND: A message is sent (socket_sendmsg).
 * @URINGAUDIT_OP_RECV: A message is received (socket_recvmsg).
 * @URINGAUDIT_OP_SHUTDOWN: A socket is shut down (socket_shutdown).
 * @URINGAUDIT_OP_URING_CMD: A command goes to a driver (uring_cmd).
 * @URINGAUDIT_OP_SETUP: Event: a ring is set up.
 * @URINGAUDIT_OP_SQPOLL: Event: a ring gets an SQPOLL thread (uring_sqpoll).
 * @URINGAUDIT_OP_OVERRIDE_CREDS: Event: an op runs with a registered
 *	personality (uring_override_creds).
 * @__URINGAUDIT_OP_MAX: Number of op classes and events; not one of them.
 */
enum uringaudit_op {
	URINGAUDIT_OP_OPEN = 0,
	URINGAUDIT_OP_READ,
	URINGAUDIT_OP_WRITE,
	URINGAUDIT_OP_TRUNCATE,
	URINGAUDIT_OP_STATX,
	URINGAUDIT_OP_GETXATTR,
	URINGAUDIT_OP_SETXATTR,
	URINGAUDIT_OP_UNLINK,
	URINGAUDIT_OP_RMDIR,
	URINGAUDIT_OP_RENAME,
	URINGAUDIT_OP_MKDIR,
	URINGAUDIT_OP_SYMLINK,
	URINGAUDIT_OP_LINK,
	URINGAUDIT_OP_FD_INSTALL,
	URINGAUDIT_OP_SOCKET,
	URINGAUDIT_OP_CONNECT,
	URINGAUDIT_OP_ACCEPT,
	URINGAUDIT_OP_BIND,
	URINGAUDIT_OP_LISTEN,
	URINGAUDIT_OP_SEND,
	URINGAUDIT_OP_RECV,
	URINGAUDIT_OP_SHUTDOWN,
	URINGAUDIT_OP_URING_CMD,
	URINGAUDIT_OP_SETUP,
	URINGAUDIT_OP_SQPOLL,
	URINGAUDIT_OP_OVERRIDE_CREDS,
	__URINGAUDIT_OP_MAX
};

/* The op classes whose object is a path: the only ones path= applies to. */
#define URINGAUDIT_FILE_OPS                         \
	(GENMASK_ULL(URINGAUDIT_OP_FD_INSTALL, 0) | \
	 BIT_ULL(URINGAUDIT_OP_URING_CMD))

/**
 * enum uringaudit_ctx - Context an io_uring operation runs in
 *
 * @URINGAUDIT_CTX_INLINE: A user task inside io_uring_enter(2) (or, for the
 *	setup and sqpoll events, io_uring_setup(2)).
 * @URINGAUDIT_CTX_IOWQ: An io-wq worker thread (``iou-wrk-*``).
 * @URINGAUDIT_CTX_SQPOLL: A submission queue polling thread (``iou-sqp-*``).
 * @URINGAUDIT_CTX_NONE: Not io_uring work that uringaudit can recognise.
 * @__URINGAUDIT_CTX_MAX: Number of contexts; not a context.
 */
enum uringaudit_ctx {
	URINGAUDIT_CTX_INLINE = 0,
	URINGAUDIT_CTX_IOWQ,
	URINGAUDIT_CTX_SQPOLL,
	URINGAUDIT_CTX_NONE,
	__URINGAUDIT_CTX_MAX
};

/* Contexts a rule can name. */
#define URINGAUDIT_NR_RULE_CTX URINGAUDIT_CTX_NONE

/**
 * enum uringaudit_action - What a rule does with the ops it matches
 *
 * @URINGAUDIT_ALLOW: Let the op run, without a record.
 * @URINGAUDIT_AUDIT: Let the op run, with a record.
 * @URINGAUDIT_DENY: Fail the op with -EACCES, with a record; in permissive
 *	mode, let it run, with a record that says it would have failed.
 * @__URINGAUDIT_ACTION_MAX: Number of actions; not an action.
 */
enum uringaudit_action {
	URINGAUDIT_ALLOW = 0,
	URINGAUDIT_AUDIT,
	URINGAUDIT_DENY,
	__URINGAUDIT_ACTION_MAX
};

/* What a rule matches on, besides op and ctx. */
#define URINGAUDIT_MATCH_UID BIT(0)
#define URINGAUDIT_MATCH_GID BIT(1)
#define URINGAUDIT_MATCH_AUID BIT(2)
#define URINGAUDIT_MATCH_EXE BIT(3)
#define URINGAUDIT_MATCH_PATH BIT(4)

/* Limits of a policy. */
#define URINGAUDIT_POLICY_MAX_SIZE 1048576U
#define URINGAUDIT_POLICY_MAX_RULES 16384U
#define URINGAUDIT_POLICY_MAX_PATH 4095U
/* auid= value of a process that never logged in. */
#define URINGAUDIT_AUID_UNSET 4294967295U

/**
 * struct uringaudit_rule - One rule, as parsed
 *
 * @action: What the rule does.
 * @line: Line of the rule in the text it was parsed from.
 * @match: Which of the fields below the rule matches on
 *	(%URINGAUDIT_MATCH_*).
 * @ops: Op classes and events it matches (bit per &enum uringaudit_op).
 * @ctxs: Contexts it matches (bit per &enum uringaudit_ctx).
 * @uid: Effective user ID of the op's credentials, in the initial user
 *	namespace.
 * @gid: Effective group ID of the op's credentials.
 * @auid: Login user ID of the originating process.
 * @exe: Path of the originating process's executable, matched exactly.
 * @exe_len: Length of @exe.
 * @path: Prefix of the op's object path, matched on path components.
 * @path_len: Length of @path.
 */
struct uringaudit_rule {
	enum uringaudit_action action;
	u32 line;
	u32 match;
	u64 ops;
	u32 ctxs;
	u32 uid;
	u32 gid;
	u32 auid;
	char *exe;
	u32 exe_len;
	char *path;
	u32 path_len;
};

/**
 * uringaudit_rule_ops() - The op classes and events a rule applies to
 * @r: The rule.
 *
 * A rule without op= names every op; a rule with path= only the ops whose
 * object has a path.
 *
 * Return: A bit per &enum uringaudit_op.
 */
static inline u64 uringaudit_rule_ops(const struct uringaudit_rule *r)
{
	u64 ops = r->ops ? r->ops : GENMASK_ULL(__URINGAUDIT_OP_MAX - 1, 0);

	if (r->match & URINGAUDIT_MATCH_PATH)
		ops &= URINGAUDIT_FILE_OPS;
	return ops;
}

/**
 * uringaudit_rule_ctxs() - The contexts a rule applies to
 * @r: The rule; one without ctx= names every context.
 *
 * Return: A bit per &enum uringaudit_ctx.
 */
static inline u32 uringaudit_rule_ctxs(const struct uringaudit_rule *r)
{
	return r->ctxs ? r->ctxs : GENMASK_ULL(URINGAUDIT_NR_RULE_CTX - 1, 0);
}

/**
 * uringaudit_rule_names() - Whether a rule applies to an op and context
 * @r: The rule.
 * @op: The op class or event.
 * @ctx: The context.
 *
 * Return: true when @r names both.
 */
static inline bool uringaudit_rule_names(const struct uringaudit_rule *r,
					 u32 op, u32 ctx)
{
	return (uringaudit_rule_ops(r) & BIT_ULL(op)) &&
	       (uringaudit_rule_ctxs(r) & BIT(ctx));
}

/**
 * struct uringaudit_key_group - The rules indexed by one value of one key
 *
 * @kind: The key: one of %URINGAUDIT_MATCH_UID, _AUID, _GID, _EXE, _PATH.
 * @hash: Its value, or the hash of its string (uringaudit_str_hash()).
 * @first: Where its rules start in &uringaudit_policy.key_rules.
 * @count: Number of its rules, in the order of the policy.
 */
struct uringaudit_key_group {
	u32 kind;
	u32 hash;
	u32 first;
	u32 count;
};

/**
 * struct uringaudit_policy - A parsed policy, immutable once published
 *
 * A rule that matches on uid, auid, gid, exe or path is indexed by the
 * first of these (its key) in a hash table: an op looks up the values it
 * has, and never looks at a rule keyed by another value.  The other rules
 * are listed per op and context.  Either way, deciding an op costs the same
 * whatever the number of rules that cannot match it.
 *
 * @default_action: Action for the ops no rule matches.
 * @nr_rules: Number of rules.
 * @rules: The rules, in the order of the text: the first that matches wins.
 * @index: For each op and context, the rules without a key that name it,
 *	in order.
 * @nr_index: Number of entries of each list of @index.
 * @needs: For each op and context, what its candidate rules match on
 *	(%URINGAUDIT_MATCH_*): what the caller must provide.
 * @keys: For each op and context, the keys of the keyed rules that name it
 *	(%URINGAUDIT_MATCH_*): the lookups an op makes.
 * @index_mem: Storage of every list of @index.
 * @groups: The key groups, one per key and value.
 * @key_rules: The rules of every group, group after group.
 * @table: Open-addressing hash table of @groups: index + 1, or 0 if free.
 * @table_mask: Number of slots of @table less one; a power of two less one.
 */
struct uringaudit_policy {
	enum uringaudit_action default_action;
	u32 nr_rules;
	struct uringaudit_rule *rules;
	const u32 *index[__URINGAUDIT_OP_MAX][URINGAUDIT_NR_RULE_CTX];
	u32 nr_index[__URINGAUDIT_OP_MAX][URINGAUDIT_NR_RULE_CTX];
	u32 needs[__URINGAUDIT_OP_MAX][URINGAUDIT_NR_RULE_CTX];
	u32 keys[__URINGAUDIT_OP_MAX][URINGAUDIT_NR_RULE_CTX];
	u32 *index_mem;
	struct uringaudit_key_group *groups;
	u32 *key_rules;
	u32 *table;
	u32 table_mask;
};

/* FNV-1a, 32 bits: the hash of exe and path keys and of path prefixes. */
#define URINGAUDIT_HASH_INIT 2166136261U

static inline u32 uringaudit_hash_byte(u32 hash, unsigned char c)
{
	return (hash ^ c) * 16777619U;
}

static inline u32 uringaudit_str_hash(const char *s, u32 len)
{
	u32 hash = URINGAUDIT_HASH_INIT;

	while (len--)
		hash = uringaudit_hash_byte(hash, *s++);
	return hash;
}

/**
 * struct uringaudit_subject - What the matcher compares a rule with
 *
 * @op: The op class or event.
 * @ctx: Its context; never %URINGAUDIT_CTX_NONE.
 * @uid: Effective user ID of the op's credentials, in the initial user
 *	namespace.
 * @gid: Effective group ID of the op's credentials.
 * @auid: Login user ID of the originating process.
 * @exe: Path of the originating process's executable, or NULL when unknown;
 *	needed only when the policy's @needs say so.
 * @path: Path of the op's object, or NULL; needed likewise.
 */
struct uringaudit_subject {
	enum uringaudit_op op;
	enum uringaudit_ctx ctx;
	u32 uid;
	u32 gid;
	u32 auid;
	const char *exe;
	const char *path;
};

/**
 * typedef uringaudit_parse_error_t - Receives one error of a policy text
 * @arg: The caller's argument.
 * @line: Line of the error, from 1.
 * @col: Column of the error, from 1, in bytes.
 * @err: The errno the parse returns for it.
 * @msg: What is wrong, in words.
 */
typedef void (*uringaudit_parse_error_t)(void *arg, u32 line, u32 col, int err,
					 const char *msg);

struct uringaudit_policy *
uringaudit_policy_parse(const char *text, size_t len,
			uringaudit_parse_error_t report, void *arg);
void uringaudit_policy_free(struct uringaudit_policy *policy);
int uringaudit_policy_format(const struct uringaudit_policy *policy, char *buf,
			     size_t size);
int uringaudit_rule_format(const struct uringaudit_rule *rule, char *buf,
			   size_t size);
bool uringaudit_rule_matches(const struct uringaudit_rule *r,
			     const struct uringaudit_subject *s);
u32 *uringaudit_policy_slot(const struct uringaudit_policy *policy, u32 kind,
			    u32 hash);
const struct uringaudit_rule *
uringaudit_policy_match(const struct uringaudit_policy *policy,
			const struct uringaudit_subject *subj);

extern const char *const uringaudit_op_names[__URINGAUDIT_OP_MAX];
extern const char *const uringaudit_ctx_names[__URINGAUDIT_CTX_MAX];
extern const char *const uringaudit_action_names[__URINGAUDIT_ACTION_MAX];

#endif /* _SECURITY_URINGAUDIT_POLICY_H */
