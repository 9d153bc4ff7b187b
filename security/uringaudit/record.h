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

/**
 * struct uringaudit_record - One record of an op, as it is built
 * @what: The decision and its object: "ctx=... decision=... rule=...
 *	path=...".
 * @ops: Every op class the op was recorded for (an open that truncates,
 *	a send that connects): op= lists them.
 * @who: The subject: "pid=... origin_exe=... cgroup=...".
 * @action: The action of @what: a stronger decision replaces it.
 * @detail: How much @what says of its object (uringaudit_object_detail()):
 *	a decision as strong that says more replaces it.
 * @ab: The audit buffer held for it (policies that deny unrecordable ops),
 *	or NULL.
 * @reserved: Whether room for it is held: @ab, or a kernel log slot.
 */
struct uringaudit_record {
	struct uringaudit_text what;
	u64 ops;
	struct uringaudit_text who;
	enum uringaudit_action action;
	u32 detail;
	struct audit_buffer *ab;
	bool reserved;
};

__printf(2, 3) void uringaudit_text_printf(struct uringaudit_text *t,
					   const char *fmt, ...);
void uringaudit_text_string(struct uringaudit_text *t, const char *key,
			    const char *str, size_t len);
void uringaudit_text_free(struct uringaudit_text *t);

void uringaudit_record_what(struct uringaudit_record *rec, u32 op, u32 ctx,
			    const struct uringaudit_decision *d,
			    const struct uringaudit_object *obj,
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
