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

#include "policy_names.h"

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
 *	For an op, a path socket is named by its path from the initial root.
 * @unix_len: Length of @unix_path.
 * @key: For a path socket, the identity of its socket file: the one a
 *	rule's path named when the policy was loaded
 *	(%URINGAUDIT_RESOLVED_ADDR), or the one the op's socket is bound to.
 * @has_key: Whether @key is set.
 */
struct uringaudit_addr {
	u32 family;
	u32 prefix;
	u8 ip[16];
	const char *unix_path;
	u32 unix_len;
	struct uringaudit_key key;
	bool has_key;
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
 * @leaf: When @path named a file, not a directory: its name in its
 *	directory; the file the directory holds under that name later (one
 *	that replaced it) is named too.  Set by the loader, or NULL.
 * @leaf_dir: The directory of @leaf.
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
	char *leaf;
	struct uringaudit_key leaf_dir;
	u32 resolved;
};

/* What the loader resolved of a rule. */
#define URINGAUDIT_RESOLVED_EXE BIT(0)
#define URINGAUDIT_RESOLVED_PATH BIT(1)
/* path=/ names every file, on every file system. */
#define URINGAUDIT_RESOLVED_ANY_PATH BIT(2)
/* addr= named a unix socket file that existed: @addr.key. */
#define URINGAUDIT_RESOLVED_ADDR BIT(3)

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
 *	root of its file system.
 * @nr_obj: Number of entries of @obj.
 * @obj_name: The object's name in its directory, when @obj is known.
 * @obj_dir: That directory: an entry of @obj.
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
	const char *obj_name;
	const struct uringaudit_key *obj_dir;
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

#endif /* _SECURITY_URINGAUDIT_POLICY_H */
