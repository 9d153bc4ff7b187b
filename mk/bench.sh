#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make bench: boot the test kernel under QEMU's instruction counting, with
# and without uringaudit in lsm=, once per seed, run tests/uring-bench in
# each guest and write the table to docs/benchmarks.md.
#
# Under -icount shift=0 one guest instruction is one nanosecond of guest
# time, and with a fixed -rtc base two boots run the same instructions:
# host load changes the wall time only.  The date is the guest's seed:
# seed N boots on 2024-01-01 plus N - 1 days.
# Seeds 1-3 run every workload; seeds 4-5 only the io-wq one, whose
# scheduling needs more seeds to settle.
#
# Usage: mk/bench.sh BZIMAGE INITRAMFS OUTDIR REPORT
# Environment: SEEDS (default "1 2 3"), IOWQ_SEEDS (default "4 5"),
#   BENCH_REPS (default 5), BENCH_SCALE (default 1), BOOT_TIMEOUT.
# Exit codes: 0 the report is written, 1 a boot or a measurement failed,
#   2 usage error.

set -uo pipefail

usage() {
	echo "usage: ${0##*/} BZIMAGE INITRAMFS OUTDIR REPORT" >&2
	echo "  SEEDS and IOWQ_SEEDS: positive numbers separated by blanks" >&2
	exit 2
}
[ $# -eq 4 ] || usage
kernel=$1 initrd=$2 dir=$3 report=$4
top=$(cd "$(dirname "$0")/.." && pwd)
seeds=${SEEDS:-1 2 3}
iowq_seeds=${IOWQ_SEEDS:-4 5}
for seed in $seeds $iowq_seeds; do
	case $seed in
	*[!0-9]* | 0*) usage ;;
	esac
done
reps=${BENCH_REPS:-5}
scale=${BENCH_SCALE:-1}
limit=${BOOT_TIMEOUT:-1800}

rm -rf "$dir" && mkdir -p "$dir"
# The boots use copies, so that a kernel rebuilt meanwhile cannot mix in.
cp "$kernel" "$dir/bzImage" && cp "$initrd" "$dir/initramfs.cpio.gz" || exit 1

common="audit=1 audit_backlog_limit=8192 tsc=reliable kunit.enable=0 ua.mode=bench ua.bench.r=$reps ua.bench.s=$scale"
start=$(date +%s)
failed=0

# seed_date SEED: the guest's date, the same for every boot of a seed.
seed_date() {
	date -u -d "2024-01-01 + $(($1 - 1)) days" +%F
}

boot() { # SEED NAME LSM EXTRA
	local seed=$1 name=$2 lsm=$3 extra=$4
	QEMU_SMP=1 QEMU_EXTRA="-icount shift=0,sleep=off -rtc base=$(seed_date "$seed"),clock=vm" \
		"$top/mk/boot.sh" "$dir/bzImage" "$dir/initramfs.cpio.gz" \
		"$dir/seed$seed-$name" "$limit" "lsm=$lsm $common $extra" || failed=1
	if ! grep -q '^### uringaudit-guest-done' "$dir/seed$seed-$name.out" ||
		grep -q '^uring-bench: ' "$dir/seed$seed-$name.out"; then
		echo "bench: seed $seed, $name: the guest did not finish; see $dir/seed$seed-$name.{out,console}" >&2
		grep '^uring-bench: ' "$dir/seed$seed-$name.out" >&2
		failed=1
	fi
}

# Each seed boots without uringaudit, then with it.
for seed in $seeds; do
	boot "$seed" absent landlock ""
	boot "$seed" active landlock,uringaudit ""
done
for seed in $iowq_seeds; do
	boot "$seed" absent landlock "ua.bench.w=open_iowq"
	boot "$seed" active landlock,uringaudit "ua.bench.w=open_iowq"
done
[ "$failed" = 0 ] || exit 1

BENCH_WALL=$(($(date +%s) - start)) \
	BENCH_COMMIT=$(git -C "$top" describe --always --dirty 2>/dev/null || echo unknown) \
	BENCH_QEMU=$("${QEMU:-qemu-system-x86_64}" --version | head -1) \
	perl "$top/mk/bench-report.pl" "$dir" >"$report.tmp" || exit 1
mv "$report.tmp" "$report"
echo "  BENCH   $report written ($(($(date +%s) - start)) s)"
