#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Run a command while holding a lock shared by every clone on this machine,
# so that two kernel builds, or two series of guest boots, never compete for
# the same two cores.  Says so when it has to wait.
#
# Usage: mk/locked.sh LOCKFILE COMMAND [ARG...]
# Exit codes: those of COMMAND; 2 usage error.

set -uo pipefail

if [ $# -lt 2 ]; then
	echo "usage: ${0##*/} LOCKFILE COMMAND [ARG...]" >&2
	exit 2
fi
lock=$1
shift
mkdir -p "$(dirname "$lock")"
exec 9>>"$lock"
if ! flock -n 9; then
	echo "  LOCK    waiting for $lock (another build or boot runs)"
	flock 9
fi
"$@"
