#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Configure the test kernel: tinyconfig, then the fragment, then olddefconfig;
# then check that every option of the fragment ended at the value asked
# (a select elsewhere can override it).
#
# Usage: mk/kconfig.sh SRC OBJ FRAGMENT...
# Exit codes: 0 configured, 1 an option did not take, 2 usage error.

set -euo pipefail

if [ $# -lt 3 ]; then
	echo "usage: ${0##*/} SRC OBJ FRAGMENT..." >&2
	exit 2
fi
src=$1 obj=$2
shift 2
kmake() { make -s -C "$src" O="$obj" ARCH=x86_64 "$@"; }

mkdir -p "$obj"
kmake tinyconfig >/dev/null
"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "$@" >/dev/null
kmake olddefconfig >/dev/null

bad=0
for frag in "$@"; do
	while read -r line; do
		case $line in
		CONFIG_*=*)
			opt=${line%%=*}
			grep -qxF "$line" "$obj/.config" || {
				echo "kconfig: $opt: asked \"$line\", got \"$(grep -E "^(# )?${opt}[= ]" "$obj/.config" || echo unset)\"" >&2
				bad=1
			}
			;;
		"# CONFIG_"*" is not set")
			opt=${line#\# }
			opt=${opt%% *}
			if grep -q "^$opt=" "$obj/.config"; then
				echo "kconfig: $opt: asked unset, got \"$(grep "^$opt=" "$obj/.config")\"" >&2
				bad=1
			fi
			;;
		esac
	done <"$frag"
done
exit $bad
