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

#endif /* _UAPI_LINUX_URINGAUDIT_H */
