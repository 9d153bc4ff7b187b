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
 */
#define URINGAUDIT_ABI_VERSION 1

/**
 * URINGAUDIT_FS_DIR - Name of the securityfs directory of uringaudit.
 */
#define URINGAUDIT_FS_DIR "uringaudit"

/**
 * AUDIT_URINGAUDIT - Audit record type of a uringaudit decision
 *
 * One record for each io_uring operation that the policy audits or denies.
 * 1440 is free in Linux 6.12 and in later kernels, which took 1420 to 1426
 * of the MAC range.  Policy loads and mode changes use the standard
 * AUDIT_MAC_POLICY_LOAD (1403) and AUDIT_MAC_STATUS (1404) records with
 * ``lsm=uringaudit``.
 */
#define AUDIT_URINGAUDIT 1440

#endif /* _UAPI_LINUX_URINGAUDIT_H */
