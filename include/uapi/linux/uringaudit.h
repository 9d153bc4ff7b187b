/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * uringaudit - User-space ABI
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#ifndef _UAPI_LINUX_URINGAUDIT_H
#define _UAPI_LINUX_URINGAUDIT_H

/**
 * DOC: uringaudit_abi
 *
 * uringaudit is configured through files in its securityfs directory,
 * ``/sys/kernel/security/uringaudit/``.  The file ``abi_version`` in that
 * directory holds %URINGAUDIT_ABI_VERSION as a decimal number followed by a
 * newline.  The number changes whenever a file of that directory, the policy
 * format or an audit record changes in a way that breaks an existing user
 * of it; user space compares it with the value it was built against and
 * refuses to proceed on a mismatch.
 *
 * Version 2: records name opcodes and results, paths are named from the
 * root of the initial mount namespace, the rule of a record is an untrusted
 * string, and locking is recorded as a configuration change.
 *
 * Records of operations have the type AUDIT_URINGAUDIT of <linux/audit.h>;
 * policy loads, mode changes and the lock use AUDIT_MAC_POLICY_LOAD,
 * AUDIT_MAC_STATUS and AUDIT_MAC_CONFIG_CHANGE with ``lsm=uringaudit``.
 */
#define URINGAUDIT_ABI_VERSION 2

/**
 * URINGAUDIT_FS_DIR - Name of the securityfs directory of uringaudit.
 */
#define URINGAUDIT_FS_DIR "uringaudit"

/**
 * DOC: uringaudit_status
 *
 * The file ``status`` of the securityfs directory is text, one ``KEY VALUE``
 * pair a line, separated by one space, in this order:
 *
 * ``abi N``
 *	%URINGAUDIT_ABI_VERSION, as in ``abi_version``.
 * ``mediation precise`` or ``mediation compat``
 *	Whether the kernel has the io_uring LSM hooks (every io_uring
 *	operation is decided where io_uring issues it), or not (only the
 *	operations that reach a file or socket hook are decided).
 * ``mode enforce`` or ``mode permissive``
 *	The mode.
 * ``locked 0`` or ``locked 1``
 *	Whether policy and mode are locked until reboot.
 * ``policy none`` or ``policy loaded``
 *	Whether a policy is loaded; the last line when none is.
 * ``rules N``
 *	The number of rules of the loaded policy.
 * ``unresolved N``
 *	How many of its rules name a path or a program that did not exist
 *	when it was loaded.
 * ``default allow``, ``default audit`` or ``default deny``
 *	Its default action.
 * ``unrecorded allow`` or ``unrecorded deny``
 *	What becomes of an operation whose record cannot be written.
 * ``digest sha256:HEX``
 *	The SHA-256 of its normal form (as the file ``policy`` reads), 64
 *	lowercase hexadecimal digits.
 * ``loaded N``
 *	When it was loaded, in seconds since the epoch.
 *
 * Numbers are decimal.  A reader looks values up by key and skips the keys
 * it does not know, so that a new key breaks no reader.
 */

/**
 * DOC: uringaudit_stats
 *
 * The file ``stats`` of the securityfs directory holds counters, summed
 * over every CPU since boot, as text:
 *
 * * a header line, starting with ``#``: ``# op ctx allow audit deny``;
 * * one line per op class or event and context a rule can name, in the
 *   order of the policy grammar's lists: ``OP CTX ALLOW AUDIT DENY``, the
 *   names of the op class or event and of the context, then the number of
 *   decisions to allow, to audit and to deny (in permissive mode too);
 * * ``records N``: the records written, to audit or to the kernel log;
 * * ``records_lost N``: the records that could not be written (audit
 *   backlog full, out of memory, or the kernel log's rate limit);
 * * ``unrecorded_denied N``: the ops denied because room for their record
 *   could not be held (a policy with ``unrecorded deny``).
 *
 * Fields are separated by one space; numbers are decimal and unsigned 64
 * bits.  A new op class, event or context adds lines of the same form.
 */

#endif /* _UAPI_LINUX_URINGAUDIT_H */
