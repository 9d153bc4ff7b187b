#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make bench: boot the test kernels under QEMU's instruction counting and
# run tests/uring-bench in each guest, three boots per seed, one after the
# other: the precise kernel without uringaudit in lsm= (absent), the same
# kernel with it (precise mode), and the compat kernel, built without the
# io_uring LSM hook series, with it (compat mode).  Writes the tables to
# docs/benchmarks.md.
#
# Under -icount shift=0 one guest instruction is one nanosecond of guest
# time, and with a fixed -rtc base two boots run the same instructions:
# host load changes the wall time only.  The date is the guest's seed:
# seed N boots on 2024-01-01 plus N - 1 days.
# Seeds 1-3 run every workload; seeds 4-5 only the io-wq ones, whose
# scheduling needs more seeds to settle.
#
# Usage: mk/bench.sh BZIMAGE COMPAT_BZIMAGE INITRAMFS OUTDIR REPORT
# Environment: SEEDS (default "1 2 3"), IOWQ_SEEDS (default "4 5"; may be
#   empty), BENCH_REPS (default 3), BENCH_SCALE (default 1), BOOT_TIMEOUT.
# Exit codes: 0 the report is written, 1 a boot or a measurement failed,
#   2 usage error.

set -uo pipefail

usage() {
	[ $# -gt 0 ] && echo "${0##*/}: $*" >&2
	echo "usage: ${0##*/} BZIMAGE COMPAT_BZIMAGE INITRAMFS OUTDIR REPORT" >&2
	echo "  SEEDS and IOWQ_SEEDS: positive numbers separated by blanks" >&2
	echo "  BENCH_REPS, BENCH_SCALE, BOOT_TIMEOUT: positive numbers" >&2
	exit 2
}
# positive NAME VALUE: VALUE is a positive decimal number.
positive() {
	case $2 in
	'' | *[!0-9]* | 0*) usage "$1 is not a positive number: '$2'" ;;
	esac
}
[ $# -eq 5 ] || usage
kernel=$1 ckernel=$2 initrd=$3 dir=$4 report=$5
for f in "$kernel" "$ckernel" "$initrd"; do
	[ -f "$f" ] || usage "no such file: $f"
done
top=$(cd "$(dirname "$0")/.." && pwd)
seeds=${SEEDS-1 2 3}
iowq_seeds=${IOWQ_SEEDS-4 5}
[ -n "$seeds" ] || usage "SEEDS is empty"
for seed in $seeds $iowq_seeds; do
	positive seed "$seed"
done
reps=${BENCH_REPS:-3}
scale=${BENCH_SCALE:-1}
limit=${BOOT_TIMEOUT:-1800}
positive BENCH_REPS "$reps"
positive BENCH_SCALE "$scale"
positive BOOT_TIMEOUT "$limit"

rm -rf "$dir" && mkdir -p "$dir"
# The boots use copies, so that a kernel rebuilt meanwhile cannot mix in.
cp "$kernel" "$dir/bzImage" && cp "$ckernel" "$dir/bzImage-compat" &&
	cp "$initrd" "$dir/initramfs.cpio.gz" || exit 1

common="audit=1 audit_backlog_limit=8192 tsc=reliable kunit.enable=0 ua.mode=bench ua.bench.r=$reps ua.bench.s=$scale"
start=$(date +%s)
failed=0

# seed_date SEED: the guest's date, the same for every boot of a seed.
seed_date() {
	date -u -d "2024-01-01 + $(($1 - 1)) days" +%F
}

# boot SEED NAME EXTRA: NAME is absent, precise or compat.
boot() {
	local seed=$1 name=$2 extra=$3 image=$dir/bzImage
	local lsm=landlock,uringaudit mediation=$2 out=$dir/seed$1-$2.out

	case $name in
	absent) lsm=landlock mediation=none ;;
	compat) image=$dir/bzImage-compat ;;
	esac
	QEMU_SMP=1 QEMU_EXTRA="-icount shift=0,sleep=off -rtc base=$(seed_date "$seed"),clock=vm" \
		"$top/mk/boot.sh" "$image" "$dir/initramfs.cpio.gz" \
		"$dir/seed$seed-$name" "$limit" "lsm=$lsm $common $extra" || failed=1
	if ! grep -q '^### uringaudit-guest-done' "$out" ||
		grep -q '^uring-bench: ' "$out"; then
		echo "bench: seed $seed, $name: the guest did not finish; see $dir/seed$seed-$name.{out,console}" >&2
		grep '^uring-bench: ' "$out" >&2
		failed=1
	elif ! grep -q "^bench-meta .* mediation=$mediation " "$out"; then
		echo "bench: seed $seed, $name: the guest's uringaudit is not in $mediation mode: $(grep '^bench-meta' "$out")" >&2
		failed=1
	fi
}

# Each seed boots without uringaudit, in precise mode, in compat mode.
for seed in $seeds; do
	for name in absent precise compat; do
		boot "$seed" "$name" ""
	done
done
for seed in $iowq_seeds; do
	for name in absent precise compat; do
		boot "$seed" "$name" "ua.bench.w=open_iowq,write_iowq"
	done
done
[ "$failed" = 0 ] || exit 1

BENCH_WALL=$(($(date +%s) - start)) \
	BENCH_COMMIT=$(git -C "$top" describe --always --dirty 2>/dev/null || echo unknown) \
	BENCH_SEEDS="$seeds" BENCH_IOWQ_SEEDS="$iowq_seeds" \
	BENCH_QEMU=$("${QEMU:-qemu-system-x86_64}" --version | head -1) \
	perl "$top/mk/bench-report.pl" "$dir" >"$report.tmp" || exit 1
mv "$report.tmp" "$report"
echo "  BENCH   $report written ($(($(date +%s) - start)) s)"
