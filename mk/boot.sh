#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot the test kernel under QEMU once and collect its output:
#   PREFIX.console  the serial console (kernel messages, KUnit)
#   PREFIX.out      what the guest's tests or demo printed (second port)
#   PREFIX.status   how the boot ended: ok, timeout, or qemu-exit=N
# The guest is bounded by TIMEOUT seconds; QEMU never outlives this script.
#
# Usage: mk/boot.sh BZIMAGE INITRAMFS PREFIX TIMEOUT "KERNEL ARGS"
# Exit codes: 0 the guest shut down by itself, 1 it did not.

set -uo pipefail

if [ $# -ne 5 ]; then
	echo "usage: ${0##*/} BZIMAGE INITRAMFS PREFIX TIMEOUT \"KERNEL ARGS\"" >&2
	exit 2
fi
kernel=$1 initrd=$2 prefix=$3 limit=$4 args=$5
qemu=${QEMU:-qemu-system-x86_64}
# The benchmark swaps the processors and clock for its deterministic ones;
# QEMU_EXTRA holds options separated by blanks.
smp=${QEMU_SMP:-2,sockets=2}
read -r -a extra <<<"${QEMU_EXTRA:-}"

rm -f "$prefix".console "$prefix".out "$prefix".status
echo "  BOOT    ${prefix##*/}: $args"

pid=
# shellcheck disable=SC2317 # run by the trap
cleanup() {
	[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
	wait 2>/dev/null
}
trap cleanup EXIT INT TERM

"$qemu" -nodefaults -display none -monitor none -no-reboot \
	-m 1024 -smp "$smp" -nic none "${extra[@]}" \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 $args" \
	-serial file:"$prefix".console -serial file:"$prefix".out \
	</dev/null >"$prefix".qemu 2>&1 &
pid=$!

waited=0
while kill -0 "$pid" 2>/dev/null; do
	if [ "$waited" -ge "$limit" ]; then
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		pid=
		echo timeout >"$prefix".status
		echo "  BOOT    ${prefix##*/}: guest still running after ${limit}s: killed" >&2
		exit 1
	fi
	sleep 1
	waited=$((waited + 1))
done
wait "$pid"
rc=$?
pid=
if [ "$rc" -eq 0 ]; then
	echo ok >"$prefix".status
	echo "  BOOT    ${prefix##*/}: done in ${waited}s"
	exit 0
fi
echo "qemu-exit=$rc" >"$prefix".status
echo "  BOOT    ${prefix##*/}: QEMU exited with $rc" >&2
exit 1
