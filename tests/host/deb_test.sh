#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make deb: the package builds, lintian clean (mk/deb.sh fails otherwise),
# and installs with dpkg into a throwaway root (dpkg --root, its own
# package database; a static busybox as the /bin/sh its maintainer
# scripts run with): the binary runs and says the package's version, its
# files are where Debian wants them; then it is removed and purged and
# leaves nothing behind.  Needs root (dpkg --root chroots for the
# maintainer scripts).  Prints TAP.

set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/tap.sh
. "$top/tests/tap.sh"
tap_no_args "$@"
check() { if eval "$2"; then ok "$1"; else not_ok "$1" "${3:-}"; fi; }

if [ "$(id -u)" -ne 0 ]; then
	echo "1..0 # SKIP dpkg --root needs root"
	exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
version=$(cd "$top" && dpkg-parsechangelog -SVersion)
deb=$work/deb/uringaudit-ctl_${version}_$(dpkg --print-architecture).deb

out=$("$top/mk/deb.sh" "$work/deb" 2>&1)
check "make deb builds $(basename "$deb"), lintian clean" "[ $? -eq 0 ] && [ -f '$deb' ]" "$out"

# The throwaway root: an empty package database and a shell.
mkdir -p "$root"/var/lib/dpkg/info "$root"/var/lib/dpkg/updates "$root"/var/log "$root"/bin
: >"$root/var/lib/dpkg/status"
: >"$root/var/lib/dpkg/available"
cp /bin/busybox "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
before=$(cd "$root" && find . ! -path './var/lib/dpkg*' ! -path './var/log*' | sort)

# Its libraries are the host's: the root records none of them.
out=$(dpkg --root="$root" --force-depends -i "$deb" 2>&1)
check "dpkg --root installs it" "[ $? -eq 0 ]" "$out"
check "dpkg knows it installed" \
	"[ \"\$(dpkg-query --admindir='$root/var/lib/dpkg' -W -f='\${Status} \${Version}' uringaudit-ctl)\" = 'install ok installed $version' ]"
out=$("$root/usr/sbin/uringaudit-ctl" --version 2>&1)
check "the installed uringaudit-ctl runs: uringaudit-ctl $version" "grep -q '^uringaudit-ctl $version (ABI [0-9]*)\$' <<<\"\$out\"" "$out"
for f in usr/share/man/man8/uringaudit-ctl.8.gz usr/share/man/man5/uringaudit.policy.5.gz \
	lib/systemd/system/uringaudit.service usr/share/bash-completion/completions/uringaudit-ctl \
	usr/share/doc/uringaudit-ctl/examples/fleet/audisp-remote.conf \
	usr/share/doc/uringaudit-ctl/examples/fleet/au-remote.conf \
	usr/share/doc/uringaudit-ctl/examples/fleet/auditd-collector.conf \
	usr/share/doc/uringaudit-ctl/examples/ansible/fleet.yml \
	usr/share/doc/uringaudit-ctl/examples/audit-all.policy; do
	check "it installs /$f" "[ -f '$root/$f' ]"
done
out=$(MANWIDTH=80 man --warnings -l "$root/usr/share/man/man8/uringaudit-ctl.8.gz" 2>&1 >/dev/null)
check "its uringaudit-ctl(8) renders without warnings" "[ -z \"\$out\" ]" "$out"
check "the unit is not enabled by the package" "[ ! -e '$root/etc/systemd/system/sysinit.target.wants/uringaudit.service' ]"

out=$(dpkg --root="$root" -r uringaudit-ctl 2>&1)
check "dpkg --root removes it" "[ $? -eq 0 ]" "$out"
out=$(dpkg --root="$root" -P uringaudit-ctl 2>&1)
check "and purges it" "[ $? -eq 0 ] && ! dpkg-query --admindir='$root/var/lib/dpkg' -W uringaudit-ctl >/dev/null 2>&1" "$out"
after=$(cd "$root" && find . ! -path './var/lib/dpkg*' ! -path './var/log*' | sort)
check "nothing of it is left in the root" "[ \"\$before\" = \"\$after\" ]" "$(diff <(echo "$before") <(echo "$after"))"
tap_end
