/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Policy: its parsed form, parser, index and matcher
 *
 * This header and the policy_*.c files build both in the kernel and in user
 * space (uringaudit-ctl check, explain and learn), so that a policy means
 * exactly the same thing to both.  Outside the kernel, the including
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
 * An op class names what an io_uring operation does, whatever hook it
 * reaches: a read from a socket is a recv, an O_PATH open is an open.
 * Each IORING_OP_* has the class of &uringaudit_opcodes; a few reach more
 * classes as they run (an open that truncates, a send that connects).  An
 * event is a moment in a ring's life.
 *
 * @URINGAUDIT_OP_OPEN: A file is opened.
 * @URINGAUDIT_OP_READ: A file is read.
 * @URINGAUDIT_OP_WRITE: A file is written (or allocated).
 * @URINGAUDIT_OP_TRUNCATE: A file is truncated.
 * @URINGAUDIT_OP_STATX: A file's attributes are read.
 * @URINGAUDIT_OP_GETXATTR: An extended attribute is read.
 * @URINGAUDIT_OP_SETXATTR: An extended attribute is written.
 * @URINGAUDIT_OP_UNLINK: A name is removed.
 * @URINGAUDIT_OP_RMDIR: A directory is removed.
 * @URINGAUDIT_OP_RENAME: A name is moved.
 * @URINGAUDIT_OP_MKDIR: A directory is made.
 * @URINGAUDIT_OP_SYMLINK: A symbolic link is made.
 * @URINGAUDIT_OP_LINK: A hard link is made.
 * @URINGAUDIT_OP_FD_INSTALL: A file gets a descriptor in another table.
 * @URINGAUDIT_OP_SOCKET: A socket is made.
 * @URINGAUDIT_OP_CONNECT: A socket connects.
 * @URINGAUDIT_OP_ACCEPT: A socket accepts.
 * @URINGAUDIT_OP_BIND: A socket is bound.
 * @URINGAUDIT_OP_LISTEN: A socket listens.
 * @URINGAUDIT_OP_SEND: A message is sent.
 * @URINGAUDIT_OP_RECV: A message is received.
 * @URINGAUDIT_OP_SHUTDOWN: A socket is shut down.
 * @URINGAUDIT_OP_URING_CMD: A command goes to a driver.
 * @URINGAUDIT_OP_SETUP: Event: a ring is set up.
 * @URINGAUDIT_OP_SQPOLL: Event: a ring gets an SQPOLL thread.
 * @URINGAUDIT_OP_OVERRIDE_CREDS: Event: an op runs with a registered
 *	personality.
 * @URINGAUDIT_OP_NOP: Nothing is done (NOP).
 * @URINGAUDIT_OP_CLOSE: A descriptor or fixed-file slot is closed.
 * @URINGAUDIT_OP_SYNC: A file is synced to storage.
 * @URINGAUDIT_OP_ADVISE: Advice on file or memory access is given.
 * @URINGAUDIT_OP_POLL: A poll is armed or removed.
 * @URINGAUDIT_OP_EPOLL: An epoll set is changed.
 * @URINGAUDIT_OP_TIMEOUT: A timeout is armed, changed or removed.
 * @URINGAUDIT_OP_CANCEL: Requests are cancelled.
 * @URINGAUDIT_OP_FILES_UPDATE: The fixed-file table is changed.
 * @URINGAUDIT_OP_BUFFERS: Provided buffers are added or removed.
 * @URINGAUDIT_OP_MSG_RING: A message, maybe with a file, goes to another
 *	ring.
 * @URINGAUDIT_OP_WAITID: A child process is waited for.
 * @URINGAUDIT_OP_FUTEX: A futex is waited on or woken.
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
	URINGAUDIT_OP_NOP,
	URINGAUDIT_OP_CLOSE,
	URINGAUDIT_OP_SYNC,
	URINGAUDIT_OP_ADVISE,
	URINGAUDIT_OP_POLL,
	URINGAUDIT_OP_EPOLL,
	URINGAUDIT_OP_TIMEOUT,
	URINGAUDIT_OP_CANCEL,
	URINGAUDIT_OP_FILES_UPDATE,
	URINGAUDIT_OP_BUFFERS,
	URINGAUDIT_OP_MSG_RING,
	URINGAUDIT_OP_WAITID,
	URINGAUDIT_OP_FUTEX,
	__URINGAUDIT_OP_MAX
};

/* The events: moments of a ring's life, not operations. */
#define URINGAUDIT_EVENTS                                               \
	(BIT_ULL(URINGAUDIT_OP_SETUP) | BIT_ULL(URINGAUDIT_OP_SQPOLL) | \
	 BIT_ULL(URINGAUDIT_OP_OVERRIDE_CREDS))

/* The op classes whose object can be a file: the ones path= applies to. */
#define URINGAUDIT_PATH_OPS                                               \
	(GENMASK_ULL(URINGAUDIT_OP_FD_INSTALL, URINGAUDIT_OP_OPEN) |      \
	 BIT_ULL(URINGAUDIT_OP_URING_CMD) | BIT_ULL(URINGAUDIT_OP_SYNC) | \
	 BIT_ULL(URINGAUDIT_OP_ADVISE) | BIT_ULL(URINGAUDIT_OP_POLL) |    \
	 BIT_ULL(URINGAUDIT_OP_MSG_RING))

/* The op classes whose object is a socket: family=, addr=, port=. */
#define URINGAUDIT_SOCK_OPS \
	GENMASK_ULL(URINGAUDIT_OP_SHUTDOWN, URINGAUDIT_OP_SOCKET)

/* IORING_OP_* of Linux 6.12: IORING_OP_NOP to IORING_OP_LISTEN. */
#define URINGAUDIT_NR_OPCODES 58
/* The opcode of a decision that has none: an event, or compat mode. */
#define URINGAUDIT_NO_OPCODE 0xff

/**
 * struct uringaudit_opcode - What an IORING_OP_* is, to a policy
 * @name: Its name: the IORING_OP_ name in lower case, as opcode= takes it.
 * @op: The class it is decided as when io_uring issues it.
 * @ops: Every class it can reach as it runs (@op among them).
 */
struct uringaudit_opcode {
	const char *name;
	u32 op;
	u64 ops;
};

extern const struct uringaudit_opcode uringaudit_opcodes[URINGAUDIT_NR_OPCODES];

/**
 * enum uringaudit_ctx - Context an io_uring operation runs in
 *
 * @URINGAUDIT_CTX_INLINE: A user task submitting inside io_uring_enter(2)
 *	(or, for the setup and sqpoll events, io_uring_setup(2)).
 * @URINGAUDIT_CTX_IOWQ: An io-wq worker thread (``iou-wrk-*``).
 * @URINGAUDIT_CTX_SQPOLL: A submission queue polling thread (``iou-sqp-*``).
 * @URINGAUDIT_CTX_TASKWORK: task_work of the submitting task: a link's next
 *	request, a retry after a poll wake-up, a multishot round (precise mode).
 * @URINGAUDIT_CTX_NONE: Not io_uring work that uringaudit can recognise.
 * @__URINGAUDIT_CTX_MAX: Number of contexts; not a context.
 */
enum uringaudit_ctx {
	URINGAUDIT_CTX_INLINE = 0,
	URINGAUDIT_CTX_IOWQ,
	URINGAUDIT_CTX_SQPOLL,
	URINGAUDIT_CTX_TASKWORK,
	URINGAUDIT_CTX_NONE,
	__URINGAUDIT_CTX_MAX
};

/* Number of contexts a rule can name: every one but %URINGAUDIT_CTX_NONE. */
#define URINGAUDIT_NR_CTX URINGAUDIT_CTX_NONE

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

/*
 * What a rule matches on besides op, opcode and ctx: its keys.  The order
 * is the order of the index: a rule is indexed by the first key it has.
 */
#define URINGAUDIT_MATCH_UID BIT(0)
#define URINGAUDIT_MATCH_AUID BIT(1)
#define URINGAUDIT_MATCH_GID BIT(2)
#define URINGAUDIT_MATCH_EXE BIT(3)
#define URINGAUDIT_MATCH_PATH BIT(4)
#define URINGAUDIT_MATCH_CGROUP BIT(5)
#define URINGAUDIT_MATCH_FAMILY BIT(6)
#define URINGAUDIT_MATCH_ADDR BIT(7)
#define URINGAUDIT_MATCH_PORT BIT(8)
/*
 * Not a key of its own: the object's path from the root of the initial
 * mount namespace, which path= rules need when their path did not exist
 * as the policy was loaded.
 */
#define URINGAUDIT_MATCH_PATH_NAME BIT(9)
#define URINGAUDIT_NR_MATCH 10
/* The keys of an op's object, known only once its hook shows it. */
#define URINGAUDIT_MATCH_OBJECT                               \
	(URINGAUDIT_MATCH_PATH | URINGAUDIT_MATCH_PATH_NAME | \
	 URINGAUDIT_MATCH_FAMILY | URINGAUDIT_MATCH_ADDR |    \
	 URINGAUDIT_MATCH_PORT)

/* Limits of a policy. */
#define URINGAUDIT_POLICY_MAX_SIZE 1048576U
#define URINGAUDIT_POLICY_MAX_RULES 16384U
#define URINGAUDIT_POLICY_MAX_PATH 4095U
/* auid= value of a process that never logged in. */
#define URINGAUDIT_AUID_UNSET 4294967295U
/* Address families a rule can name, as in <linux/socket.h>. */
#define URINGAUDIT_AF_UNIX 1
#define URINGAUDIT_AF_INET 2
#define URINGAUDIT_AF_INET6 10
#define URINGAUDIT_AF_NETLINK 16
#define URINGAUDIT_AF_PACKET 17
#define URINGAUDIT_AF_MAX 46

/**
 * struct uringaudit_key - The identity of a file system object
 * @ino: Its inode number.
 * @dev: Its file system's device number (``new_encode_dev()``).
 * @gen: Its inode generation; with @ino, unique on file systems that reuse
 *	inode numbers.
 *
 * A path= or exe= rule names the object found at its path when the policy
 * was loaded, not the path: an object is the same whatever name, chroot,
 * mount namespace or bind mount it is reached through.
 */
struct uringaudit_key {
	u64 ino;
	u32 dev;
	u32 gen;
};

/**
 * struct uringaudit_addr - A socket address of a rule or an op
 * @family: %URINGAUDIT_AF_INET, %URINGAUDIT_AF_INET6 or
 *	%URINGAUDIT_AF_UNIX.
 * @prefix: For a rule, the number of leading bits of @ip that must match.
 * @ip: IPv4 (first 4 bytes) or IPv6 address, network order.
 * @unix_path: A unix socket's name ('@' starts an abstract one), or NULL.
 * @unix_len: Length of @unix_path.
 */
struct uringaudit_addr {
	u32 family;
	u32 prefix;
	u8 ip[16];
	const char *unix_path;
	u32 unix_len;
};

/**
 * struct uringaudit_rule - One rule, as parsed
 *
 * @action: What the rule does.
 * @line: Line of the rule in the text it was parsed from.
 * @match: Which of the keys below the rule matches on
 *	(%URINGAUDIT_MATCH_*).
 * @ops: Op classes and events it matches (bit per &enum uringaudit_op), or
 *	0 for all.
 * @opcodes: IORING_OP_*s it matches (bit per opcode), or 0 for all.
 * @ctxs: Contexts it matches (bit per &enum uringaudit_ctx), or 0 for all.
 * @uid: Effective user ID of the op's credentials, in the initial user
 *	namespace.
 * @gid: Effective group ID of the op's credentials.
 * @auid: Login user ID of the task that submitted the op.
 * @exe: The program of the process behind the op, as written.
 * @exe_len: Length of @exe.
 * @path: The file or directory the op's object must be or lie under, as
 *	written.
 * @path_len: Length of @path.
 * @cgroup: Prefix of the cgroup v2 path of the task doing the op.
 * @cgroup_len: Length of @cgroup.
 * @families: Address families of the op's socket (bit per %AF_*).
 * @addr: Address of the op's socket (connect, bind, send with one) or
 *	its peer.
 * @port_lo: Lowest port of the op's address.
 * @port_hi: Highest port of the op's address.
 * @exe_key: The program @exe named when the policy was loaded; set by the
 *	loader (%URINGAUDIT_RESOLVED_EXE).
 * @path_keys: The object @path named when the policy was loaded, and the
 *	roots of the file systems mounted below it; set by the loader.
 * @nr_path_keys: Number of @path_keys.
 * @resolved: %URINGAUDIT_RESOLVED_* bits: which of @exe_key and @path_keys
 *	the loader found.
 */
struct uringaudit_rule {
	enum uringaudit_action action;
	u32 line;
	u32 match;
	u64 ops;
	u64 opcodes;
	u32 ctxs;
	u32 uid;
	u32 gid;
	u32 auid;
	char *exe;
	u32 exe_len;
	char *path;
	u32 path_len;
	char *cgroup;
	u32 cgroup_len;
	u64 families;
	struct uringaudit_addr addr;
	u32 port_lo;
	u32 port_hi;
	struct uringaudit_key exe_key;
	struct uringaudit_key *path_keys;
	u32 nr_path_keys;
	u32 resolved;
};

/* What the loader resolved of a rule. */
#define URINGAUDIT_RESOLVED_EXE BIT(0)
#define URINGAUDIT_RESOLVED_PATH BIT(1)
/* path=/ names every file, on every file system. */
#define URINGAUDIT_RESOLVED_ANY_PATH BIT(2)

/**
 * uringaudit_rule_ops() - The op classes and events a rule applies to
 * @r: The rule.
 *
 * A rule without op= names every op class and event; a rule with path=
 * only the classes whose object is a file, and a rule with family=,
 * addr= or port= only the socket classes.
 *
 * Return: A bit per &enum uringaudit_op.
 */
static inline u64 uringaudit_rule_ops(const struct uringaudit_rule *r)
{
	u64 ops = r->ops ? r->ops : GENMASK_ULL(__URINGAUDIT_OP_MAX - 1, 0);

	if (r->match & URINGAUDIT_MATCH_PATH)
		ops &= URINGAUDIT_PATH_OPS;
	if (r->match & (URINGAUDIT_MATCH_FAMILY | URINGAUDIT_MATCH_ADDR |
			URINGAUDIT_MATCH_PORT))
		ops &= URINGAUDIT_SOCK_OPS;
	if (r->opcodes)
		ops &= ~URINGAUDIT_EVENTS;
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
	return r->ctxs ? r->ctxs : (u32)GENMASK_ULL(URINGAUDIT_NR_CTX - 1, 0);
}

/**
 * uringaudit_rule_names() - Whether a rule applies to an op and context
 * @r: The rule.
 * @op: The op class or event.
 * @opcode: The IORING_OP_*, or %URINGAUDIT_NO_OPCODE.
 * @ctx: The context.
 *
 * Return: true when @r names all three.
 */
static inline bool uringaudit_rule_names(const struct uringaudit_rule *r,
					 u32 op, u32 opcode, u32 ctx)
{
	if (!(uringaudit_rule_ops(r) & BIT_ULL(op)) ||
	    !(uringaudit_rule_ctxs(r) & BIT(ctx)))
		return false;
	if (!r->opcodes)
		return true;
	return opcode < URINGAUDIT_NR_OPCODES && (r->opcodes & BIT_ULL(opcode));
}

/**
 * struct uringaudit_key_group - The rules indexed by one value of one key
 *
 * @kind: The key: one of %URINGAUDIT_MATCH_*.
 * @hash: Its value, or the hash of its string or object.
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
 * Rules are listed per op class and context.  A rule that matches on a key
 * whose value an op has at hand (uid, auid, gid, exe, path) is also
 * indexed by the value of the first of these keys in a hash table: an op
 * looks up the values it has, and never looks at a rule keyed by another
 * value.  Deciding an op costs the same whatever the number of rules that
 * cannot match it.
 *
 * @default_action: Action for the ops no rule matches.
 * @unrecorded: What becomes of an op whose record cannot be written:
 *	%URINGAUDIT_ALLOW (it runs; the record is counted lost) or
 *	%URINGAUDIT_DENY (it fails, as if denied).
 * @nr_rules: Number of rules.
 * @rules: The rules, in the order of the text: the first that matches wins.
 * @all: For each op and context, every rule that names it, in order.
 * @nr_all: Number of entries of each list of @all.
 * @index: For each op and context, the rules without an indexed key that
 *	name it, in order.
 * @nr_index: Number of entries of each list of @index.
 * @needs: For each op and context, what its rules match on
 *	(%URINGAUDIT_MATCH_*): what the caller must provide.
 * @keys: For each op and context, the indexed keys of its keyed rules
 *	(%URINGAUDIT_MATCH_*): the lookups an op makes.
 * @list_mem: Storage of every list of @all and @index.
 * @groups: The key groups, one per key and value.
 * @key_rules: The rules of every group, group after group.
 * @table: Open-addressing hash table of @groups: index + 1, or 0 if free.
 * @table_mask: Number of slots of @table less one; a power of two less one.
 */
struct uringaudit_policy {
	enum uringaudit_action default_action;
	enum uringaudit_action unrecorded;
	u32 nr_rules;
	struct uringaudit_rule *rules;
	const u32 *all[__URINGAUDIT_OP_MAX][URINGAUDIT_NR_CTX];
	u32 nr_all[__URINGAUDIT_OP_MAX][URINGAUDIT_NR_CTX];
	const u32 *index[__URINGAUDIT_OP_MAX][URINGAUDIT_NR_CTX];
	u32 nr_index[__URINGAUDIT_OP_MAX][URINGAUDIT_NR_CTX];
	u32 needs[__URINGAUDIT_OP_MAX][URINGAUDIT_NR_CTX];
	u32 keys[__URINGAUDIT_OP_MAX][URINGAUDIT_NR_CTX];
	u32 *list_mem;
	struct uringaudit_key_group *groups;
	u32 *key_rules;
	u32 *table;
	u32 table_mask;
};

/* FNV-1a, 32 bits: the hash of string keys and of path prefixes. */
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

/* The hash of an object's identity: device and inode number. */
static inline u32 uringaudit_key_hash(const struct uringaudit_key *k)
{
	return (u32)k->ino ^ (u32)(k->ino >> 32) ^ (k->dev * 0x9e3779b9U);
}

/**
 * enum uringaudit_value - Whether an op has a value the matcher needs
 *
 * @URINGAUDIT_VALUE_KNOWN: It has the value.
 * @URINGAUDIT_VALUE_ABSENT: It has none: a rule on it does not match (an
 *	op that never reached an object, a socket without an address).
 * @URINGAUDIT_VALUE_PENDING: Not yet: a hook later in the op shows it.
 *	The decision waits for that hook.
 * @URINGAUDIT_VALUE_FAILED: It has one, but it could not be resolved: a
 *	deny or audit rule on it matches (fail closed), an allow rule does not.
 */
enum uringaudit_value {
	URINGAUDIT_VALUE_KNOWN = 0,
	URINGAUDIT_VALUE_ABSENT,
	URINGAUDIT_VALUE_PENDING,
	URINGAUDIT_VALUE_FAILED,
};

/**
 * struct uringaudit_subject - What the matcher compares a rule with
 *
 * Values are read only when the policy's @needs for the op and context ask
 * for them; @state tells, for each key, whether the value is there.
 *
 * @op: The op class or event.
 * @opcode: The IORING_OP_*, or %URINGAUDIT_NO_OPCODE.
 * @ctx: Its context; never %URINGAUDIT_CTX_NONE.
 * @state: For each key (%URINGAUDIT_MATCH_* bit number), an
 *	&enum uringaudit_value; 0 (known) for the keys not listed.
 * @uid: Effective user ID of the op's credentials, in the initial user
 *	namespace.
 * @gid: Effective group ID of the op's credentials.
 * @auid: Login user ID of the task that submitted the op.
 * @exe: The program of the process behind the op.
 * @obj: The op's object and, after it, each directory above it up to the
 *	root of the initial mount namespace.
 * @nr_obj: Number of entries of @obj.
 * @path: The object's path from the root of the initial mount namespace;
 *	for rules whose path did not exist when the policy was loaded.
 * @cgroup: cgroup v2 path of the task doing the op.
 * @family: Address family of the op's socket.
 * @addr: The op's address, when @state says it has one.
 * @port: The port of @addr.
 */
struct uringaudit_subject {
	u32 op;
	u32 opcode;
	u32 ctx;
	u8 state[URINGAUDIT_NR_MATCH];
	u32 uid;
	u32 gid;
	u32 auid;
	struct uringaudit_key exe;
	const struct uringaudit_key *obj;
	u32 nr_obj;
	const char *path;
	const char *cgroup;
	u32 family;
	struct uringaudit_addr addr;
	u32 port;
};

/**
 * enum uringaudit_outcome - What one rule says of an op
 * @URINGAUDIT_NO_MATCH: It does not match.
 * @URINGAUDIT_MATCH: It matches.
 * @URINGAUDIT_UNDECIDED: It may match: it needs a value that is pending.
 * @URINGAUDIT_UNRESOLVED: It may match: it needs a value that failed.
 */
enum uringaudit_outcome {
	URINGAUDIT_NO_MATCH = 0,
	URINGAUDIT_MATCH,
	URINGAUDIT_UNDECIDED,
	URINGAUDIT_UNRESOLVED,
};

/**
 * struct uringaudit_verdict - Which rule decides an op
 * @rule: The rule, or NULL when the default decides (or when @pending).
 * @pending: The op cannot be decided yet: a rule needs a value a later
 *	hook of the op shows.
 * @failed: %URINGAUDIT_MATCH_* keys of @rule whose value could not be
 *	resolved: @rule matched because it would deny or audit (fail closed).
 */
struct uringaudit_verdict {
	const struct uringaudit_rule *rule;
	bool pending;
	u32 failed;
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
int uringaudit_policy_index(struct uringaudit_policy *policy);
int uringaudit_policy_format(const struct uringaudit_policy *policy, char *buf,
			     size_t size);
int uringaudit_rule_format(const struct uringaudit_rule *rule, char *buf,
			   size_t size);
u32 *uringaudit_policy_slot(const struct uringaudit_policy *policy, u32 kind,
			    u32 hash);
enum uringaudit_outcome uringaudit_rule_eval(const struct uringaudit_rule *r,
					     const struct uringaudit_subject *s,
					     u32 *failed);
void uringaudit_policy_match(const struct uringaudit_policy *policy,
			     const struct uringaudit_subject *subj,
			     struct uringaudit_verdict *verdict);
int uringaudit_opcode_lookup(const char *name, u32 len);
int uringaudit_family_lookup(const char *name, u32 len);
const char *uringaudit_family_name(u32 family);

extern const char *const uringaudit_op_names[__URINGAUDIT_OP_MAX];
extern const char *const uringaudit_ctx_names[__URINGAUDIT_CTX_MAX];
extern const char *const uringaudit_action_names[__URINGAUDIT_ACTION_MAX];

#endif /* _SECURITY_URINGAUDIT_POLICY_H */
