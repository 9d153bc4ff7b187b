/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - Audit records
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_RECORD_H
#define _SECURITY_URINGAUDIT_RECORD_H

#include <linux/types.h>

#include "decide.h"
#include "object.h"
#include "subject.h"

struct audit_buffer;

/**
 * struct uringaudit_text - Record text, growing as it is written
 * @buf: The text, NUL-terminated.
 * @len: Its length.
 * @cap: Room in @buf.
 * @oom: Some text could not be added: out of memory.
 */
struct uringaudit_text {
	char *buf;
	size_t len;
	size_t cap;
	bool oom;
};

/*
 * The bytes of a name (a path, a program, a cgroup, a rule, a unix
 * address) a record keeps; a name cut there is followed by KEY_len=, its
 * whole length.  A record holds at most eight names that can be long
 * (the program and the task's view of it, the cgroup, the rule, two names
 * of each of two objects), each in hex at worst (two characters a byte),
 * and its other fields take less than 1000 bytes: so it stays under the
 * 8970 bytes libaudit, and so auditd, accept of a message
 * (MAX_AUDIT_MESSAGE_LENGTH).
 */
#define URINGAUDIT_NAME_MAX 448U
/* The longest record written; a longer one is counted lost. */
#define URINGAUDIT_RECORD_MAX 8900U

/* How many objects a record names: an op acts on one or two. */
#define URINGAUDIT_RECORD_OBJECTS 2

/**
 * struct uringaudit_record_object - An object a record names
 * @text: Its fields: "path=... dev=... ino=..." or "family=... addr=...";
 *	the second object's keys end in "2" (path2=, ino2=).
 * @id: What tells it from the op's other object: its dentry, or its
 *	socket; NULL for an object without either (a family).
 * @detail: How much @text says of it (uringaudit_object_detail()).
 * @used: Whether the slot holds an object.
 */
struct uringaudit_record_object {
	struct uringaudit_text text;
	const void *id;
	u32 detail;
	bool used;
};

/**
 * struct uringaudit_record - One record of an op, as it is built
 * @what: The decision: "ctx=... decision=... rule=..." and reason=.
 * @objs: The objects the op's decisions were about, in the order its
 *	hooks showed them: the file an open found, both names of a rename,
 *	the two files of a splice, a stacked file and the file under it.
 * @ops: Every op class the op was recorded for (an open that truncates,
 *	a send that connects): op= lists them.
 * @who: The subject: "pid=... origin_exe=... cgroup=...".
 * @ctx: Where the op ran: ``ctx=``.
 * @action: The action of @what: a stronger decision replaces it.
 * @ruled: Whether @what names a rule, not the default: of two decisions
 *	as strong, the one a rule made is named.
 * @ab: The audit buffer held for it (policies that deny unrecordable ops),
 *	or NULL.
 * @reserved: Whether room for it is held: @ab, or a kernel log slot.
 */
struct uringaudit_record {
	struct uringaudit_text what;
	struct uringaudit_record_object objs[URINGAUDIT_RECORD_OBJECTS];
	u64 ops;
	struct uringaudit_text who;
	u8 ctx;
	enum uringaudit_action action;
	bool ruled;
	struct audit_buffer *ab;
	bool reserved;
};

__printf(2, 3) void uringaudit_text_printf(struct uringaudit_text *t,
					   const char *fmt, ...);
void uringaudit_text_string(struct uringaudit_text *t, const char *key,
			    const char *str, size_t len);
void uringaudit_text_free(struct uringaudit_text *t);

void uringaudit_record_what(struct uringaudit_record *rec, u32 op, u32 ctx,
			    const struct uringaudit_decision *d);
void uringaudit_record_object(struct uringaudit_record *rec,
			      const struct uringaudit_object *obj, u32 op,
			      struct uringaudit_scratch *s);
void uringaudit_record_who(struct uringaudit_record *rec,
			   const struct uringaudit_who *who,
			   struct uringaudit_scratch *s);
bool uringaudit_record_reserve(struct uringaudit_record *rec);
bool uringaudit_record_emit(struct uringaudit_record *rec, const char *head,
			    const char *tail);
void uringaudit_record_free(struct uringaudit_record *rec);
u64 uringaudit_record_ring(const void *ring);

#endif /* _SECURITY_URINGAUDIT_RECORD_H */
