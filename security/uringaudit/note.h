/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uringaudit - A decision and its record
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _SECURITY_URINGAUDIT_NOTE_H
#define _SECURITY_URINGAUDIT_NOTE_H

#include "decide.h"
#include "record.h"

int uringaudit_decide_note(struct uringaudit_scratch *s,
			   const struct uringaudit_query *q,
			   struct uringaudit_record **recp,
			   struct uringaudit_decision *d);
void uringaudit_emit_free(struct uringaudit_record *rec, const char *head,
			  const char *tail);

#endif /* _SECURITY_URINGAUDIT_NOTE_H */
