# SPDX-License-Identifier: GPL-2.0-only
#
# uringaudit: build, boot and test driver.  `make help` lists the targets.

SHELL := /bin/bash
.DEFAULT_GOAL := help

TOP      := $(CURDIR)
BUILD    ?= $(TOP)/build
LINUX    := $(BUILD)/linux
KOBJ     := $(BUILD)/kernel
BZIMAGE  := $(KOBJ)/arch/x86/boot/bzImage
# The same kernel without the io_uring LSM hook series: compat mode.
LINUXC   := $(BUILD)/linux-compat
KOBJC    := $(BUILD)/kernel-compat
CBZIMAGE := $(KOBJC)/arch/x86/boot/bzImage
# The kernel's user-space headers (make headers) for the tests.
KHDR     := $(KOBJ)/usr/include
FUZZ     := $(BUILD)/fuzz/policy_fuzz
DKOBJ    := $(BUILD)/kernel-debug
DBZIMAGE := $(DKOBJ)/arch/x86/boot/bzImage
TESTBIN  := $(BUILD)/tests
# The pristine 6.12 tree the upstream posting is made against, and the posting.
PRISTINE := $(BUILD)/linux-pristine
PATCHES  := $(BUILD)/patches
INITRAMFS := $(BUILD)/initramfs.cpio.gz
LOGS     := $(BUILD)/logs
TARBALL  ?= /usr/src/linux-source-6.12.tar.xz
KCACHE   ?= $(HOME)/.cache/uringaudit
JOBS     ?= $(shell nproc)
# Kernel builds and guest boots of every clone on this machine take turns.
BUILD_LOCK := mk/locked.sh $(KCACHE)/build.lock
BOOT_LOCK  := mk/locked.sh $(KCACHE)/boot.lock
# Seconds a guest may run before it counts as hung.
BOOT_TIMEOUT ?= 600

# ccache shared by every clone: paths under $(BUILD) hash as relative ones.
export CCACHE_DIR ?= $(KCACHE)/ccache
export CCACHE_BASEDIR := $(BUILD)
export CCACHE_NOHASHDIR := 1
export CCACHE_MAXSIZE ?= 5G
# Reproducible kernel builds, so that ccache hits and rebuilds are minimal.
export KBUILD_BUILD_TIMESTAMP := 2026-01-01
export KBUILD_BUILD_USER := uringaudit
export KBUILD_BUILD_HOST := qemu

KMAKE = $(MAKE) -C $(LINUX) O=$(KOBJ) ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc"
DKMAKE = $(MAKE) -C $(LINUX) O=$(DKOBJ) ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc"
CKMAKE = $(MAKE) -C $(LINUXC) O=$(KOBJC) ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc"

TEST_SRCS := $(wildcard tests/*_test.c)
TEST_BINS := $(patsubst tests/%.c,$(TESTBIN)/%,$(TEST_SRCS))
GUEST_BINS := $(TEST_BINS) $(TESTBIN)/uring-demo $(TESTBIN)/curing-demo \
	$(TESTBIN)/uring-op $(TESTBIN)/uring-bench $(TESTBIN)/uringaudit-ctl \
	$(TESTBIN)/stack-victim $(TESTBIN)/minidb
# The SELinux policy and the AppArmor profile of the stacking boots.
STACK_POLICIES := $(BUILD)/stacking/selinux.policy $(BUILD)/stacking/stack-victim.apparmor
# The kernel features apparmor_parser compiles the profile for.
AA_FEATURES := /usr/share/apparmor-features/features
CTL_SRCS := $(wildcard tools/uringaudit-ctl/*.[ch]) tools/uringaudit-ctl/Makefile \
	$(filter-out %_test.c,$(wildcard security/uringaudit/policy_*.c)) \
	security/uringaudit/policy.h include/uapi/linux/uringaudit.h
TEST_CFLAGS := -O2 -g -static -Wall -Wextra -Werror -D_GNU_SOURCE \
	-isystem $(KHDR) -isystem $(LINUX)/tools/testing/selftests \
	-I$(TOP)/include/uapi -I$(TOP)/tests
TEST_LIBS := -luring -lpthread

.PHONY: help deps source wire config kernel kernel-compat kernel-debug headers tests \
	initramfs ctl install patches deb \
	check check-host check-guest check-fleet check-debug demo bench profile fuzz lint apply clean distclean

help:
	@echo "uringaudit - targets"
	@echo "  make demo        build everything and boot the QEMU demo"
	@echo "  make check       build everything, run every test suite; ends with 'N passed, M failed'"
	@echo "  make check-debug the guest suites on a lockdep/KASAN/kmemleak/UBSAN kernel"
	@echo "  make bench       measure what uringaudit costs (QEMU -icount); writes docs/benchmarks.md"
	@echo "  make profile WORKLOAD=read_inline BASE=empty POLICY=paths64"
	@echo "                   instructions per op and kernel function, POLICY over BASE"
	@echo "  make apply KSRC=/path/to/linux   wire uringaudit into your own 6.12 tree"
	@echo "  make patches     write the upstream posting into $(PATCHES) (checkpatch --strict clean)"
	@echo "  make deps        install the Debian packages needed (apt-get)"
	@echo "  make source      unpack Debian's linux-source-6.12 into $(LINUX)"
	@echo "  make wire        overlay this repo onto that tree, register the LSM, apply the series"
	@echo "  make config      configure the small test kernel in $(KOBJ)"
	@echo "  make kernel      build $(BZIMAGE) (precise mode)"
	@echo "  make kernel-compat  build $(CBZIMAGE) (compat mode: no io_uring series)"
	@echo "  make tests       build the static guest test programs into $(TESTBIN)"
	@echo "  make initramfs   build $(INITRAMFS)"
	@echo "  make ctl         build uringaudit-ctl into $(BUILD)/ctl"
	@echo "  make install     install uringaudit-ctl, man pages, unit, completion (PREFIX, DESTDIR)"
	@echo "  make check-host  run the host tests only"
	@echo "  make check-guest boot the guest and run its tests only"
	@echo "  make check-fleet the fleet boot only: two nodes and a collecting auditd"
	@echo "  make deb         build $(BUILD)/deb/uringaudit-ctl_VERSION_amd64.deb (debhelper)"
	@echo "  make lint        checkpatch --strict, clang-format, sparse and W=1 on the kernel side"
	@echo "  make fuzz        fuzz the policy parser for FUZZ_TIME seconds (or FUZZ_RUNS runs)"
	@echo "  make clean       remove $(BUILD) (the ccache in $(CCACHE_DIR) stays)"
	@echo "  make distclean   remove $(BUILD) and the ccache"

deps:
	@mk/deps.sh

# The unpacked trees are remade when Debian's package brings a new tarball.
$(BUILD)/%/.unpacked: $(TARBALL)
	@echo "  UNPACK  $(TARBALL) into $(BUILD)/$*"
	@rm -rf $(BUILD)/$* && mkdir -p $(BUILD)/$*
	@tar -xJf $(TARBALL) -C $(BUILD)/$* --strip-components=1
	@touch $@

source: deps
	@$(MAKE) -s --no-print-directory $(LINUX)/.unpacked $(LINUXC)/.unpacked

# Precise mode in $(LINUX), compat mode in $(LINUXC).  A refused wiring
# stops the build with apply.sh's reason.
wire: source
	@mk/apply.sh $(LINUX) >$(BUILD)/wire.log 2>&1 || { cat $(BUILD)/wire.log; exit 1; }
	@tail -n 1 $(BUILD)/wire.log
	@mk/apply.sh --compat $(LINUXC) >$(BUILD)/wire-compat.log 2>&1 || { cat $(BUILD)/wire-compat.log; exit 1; }
	@tail -n 1 $(BUILD)/wire-compat.log

$(KOBJ)/.config: mk/test-kernel.config mk/kconfig.sh $(LINUX)/.unpacked
	@echo "  CONFIG  $(KOBJ)/.config"
	@mk/kconfig.sh $(LINUX) $(KOBJ) mk/test-kernel.config

$(KOBJC)/.config: mk/test-kernel.config mk/kconfig.sh $(LINUXC)/.unpacked
	@echo "  CONFIG  $(KOBJC)/.config"
	@mk/kconfig.sh $(LINUXC) $(KOBJC) mk/test-kernel.config

config: wire
	@$(MAKE) -s --no-print-directory $(KOBJ)/.config $(KOBJC)/.config

kernel: config
	@mkdir -p $(CCACHE_DIR)
	@echo "  KERNEL  $(BZIMAGE)"
	@$(BUILD_LOCK) $(KMAKE) -s -j$(JOBS) bzImage
	@ccache -s | grep -E 'Hits|Misses' | head -2 | sed 's/^/  ccache  /' || true

kernel-compat: config
	@mkdir -p $(CCACHE_DIR)
	@echo "  KERNEL  $(CBZIMAGE)"
	@$(BUILD_LOCK) $(CKMAKE) -s -j$(JOBS) bzImage

# The tests take the kernel's constants (record types, opcodes) from its
# own uapi headers.
$(KHDR)/linux/audit.h: $(KOBJ)/.config $(LINUX)/include/uapi/linux/audit.h \
		include/uapi/linux/uringaudit.h \
		$(LINUX)/include/uapi/linux/io_uring.h
	@echo "  HEADERS $(KHDR)"
	@$(BUILD_LOCK) $(KMAKE) -s headers

headers: config
	@$(MAKE) -s --no-print-directory $(KHDR)/linux/audit.h

$(DKOBJ)/.config: mk/test-kernel.config mk/debug-kernel.config mk/kconfig.sh $(LINUX)/.unpacked
	@echo "  CONFIG  $(DKOBJ)/.config"
	@mk/kconfig.sh $(LINUX) $(DKOBJ) mk/test-kernel.config mk/debug-kernel.config

# The same kernel with lockdep, KASAN, kmemleak, DEBUG_LIST and UBSAN.
kernel-debug: wire
	@$(MAKE) -s --no-print-directory $(DKOBJ)/.config
	@mkdir -p $(CCACHE_DIR)
	@echo "  KERNEL  $(DBZIMAGE)"
	@$(BUILD_LOCK) $(DKMAKE) -s -j$(JOBS) bzImage

$(TESTBIN)/%: tests/%.c tests/*.h $(KHDR)/linux/audit.h | $(LINUX)/.unpacked
	@mkdir -p $(TESTBIN)
	@echo "  CC      $@"
	@gcc $(TEST_CFLAGS) -o $@ $< $(TEST_LIBS)

# Policies compiled on the host; the guest tests load them.  -U allow:
# what the policy does not declare is allowed.
$(BUILD)/stacking/selinux.policy: tests/stacking/selinux/policy.conf
	@mkdir -p $(@D)
	@echo "  POLICY  $@"
	@checkpolicy -U allow -o $@ $<

$(BUILD)/stacking/stack-victim.apparmor: tests/stacking/apparmor/stack-victim $(AA_FEATURES)
	@mkdir -p $(@D)
	@echo "  POLICY  $@"
	@apparmor_parser --skip-kernel-load --skip-cache --features-file $(AA_FEATURES) \
		--ofile $@ $<

tests: headers
	@$(MAKE) -s --no-print-directory $(GUEST_BINS) $(STACK_POLICIES)

# The controller: for the host, and static for the guest.
$(BUILD)/ctl/uringaudit-ctl: $(CTL_SRCS)
	@mkdir -p $(BUILD)/ctl
	@echo "  CC      $@"
	@$(MAKE) -s -C tools/uringaudit-ctl O=$(BUILD)/ctl

$(BUILD)/ctl/fail-writes: tests/host/fail-writes.c
	@mkdir -p $(BUILD)/ctl
	@gcc -O2 -Wall -Wextra -Werror -o $@ $<

$(TESTBIN)/uringaudit-ctl: $(CTL_SRCS)
	@mkdir -p $(TESTBIN)
	@echo "  CC      $@"
	@$(MAKE) -s -C tools/uringaudit-ctl O=$(TESTBIN) LDFLAGS=-static

ctl: $(BUILD)/ctl/uringaudit-ctl $(BUILD)/ctl/fail-writes

install: $(BUILD)/ctl/uringaudit-ctl
	@$(MAKE) -s -C tools/uringaudit-ctl O=$(BUILD)/ctl install

# The Debian package of uringaudit-ctl (debian/, debhelper), lintian
# clean: $(BUILD)/deb/uringaudit-ctl_VERSION_amd64.deb.
deb: deps
	@mk/deb.sh $(BUILD)/deb

$(INITRAMFS): $(GUEST_BINS) $(STACK_POLICIES) $(wildcard tests/guest/*) tests/tap.sh mk/initramfs.sh \
		$(wildcard examples/fleet/*) examples/ansible/fleet.policy
	@echo "  CPIO    $@"
	@mk/initramfs.sh $@ $(GUEST_BINS) $(STACK_POLICIES)

initramfs: tests
	@$(MAKE) -s --no-print-directory $(INITRAMFS)

check-host: deps ctl $(FUZZ)
	@$(MAKE) -s --no-print-directory $(PRISTINE)/.unpacked
	@mkdir -p $(LOGS)
	@rm -f $(LOGS)/host-*.tap
	@for t in tests/host/*_test.sh; do \
		n=$$(basename $$t .sh); \
		echo "  HOST    $$n"; \
		{ echo "### BEGIN $$n"; TARBALL=$(TARBALL) LINUX=$(LINUX) \
		  BUILD=$(BUILD) PRISTINE=$(PRISTINE) KCACHE=$(KCACHE) JOBS=$(JOBS) \
		  CTL=$(BUILD)/ctl/uringaudit-ctl FAIL_WRITES=$(BUILD)/ctl/fail-writes \
		  FUZZ=$(FUZZ) bash $$t 2>&1; \
		  echo "### END $$n rc=$$?"; } > $(LOGS)/host-$$n.tap; \
	done

# Nine boots: with uringaudit in lsm= (every suite), without it (the
# kernel and io_uring run as before), with the uringaudit.default=
# parameter, one for uringaudit-ctl lock, which nothing can undo, one
# beside each of AppArmor and SELinux (exclusive LSMs, and a policy cannot
# be unloaded), one for the walk from audit to enforce (learn_test, which
# ends with a lock too), the compat kernel, without the io_uring series,
# and one for identity_lock_test (path= rules after a lock).
check-guest: kernel kernel-compat initramfs ctl
	@mkdir -p $(LOGS)
	@$(BOOT_LOCK) mk/boot.sh $(BZIMAGE) $(INITRAMFS) $(LOGS)/boot1-active $(BOOT_TIMEOUT) \
		"lsm=landlock,uringaudit audit=1 audit_backlog_limit=8192 ua.mode=test" || true
	@$(BOOT_LOCK) mk/boot.sh $(BZIMAGE) $(INITRAMFS) $(LOGS)/boot2-absent $(BOOT_TIMEOUT) \
		"lsm=landlock kunit.enable=0 ua.mode=test ua.tests=base_test,uring_test" || true
	@$(BOOT_LOCK) mk/boot.sh $(BZIMAGE) $(INITRAMFS) $(LOGS)/boot3-bootparam $(BOOT_TIMEOUT) \
		"lsm=landlock,uringaudit audit=1 uringaudit.default=audit kunit.enable=0 ua.mode=test ua.tests=bootparam_test" || true
	@$(BOOT_LOCK) mk/boot.sh $(BZIMAGE) $(INITRAMFS) $(LOGS)/boot4-ctl-lock $(BOOT_TIMEOUT) \
		"lsm=landlock,uringaudit kunit.enable=0 ua.mode=test ua.tests=ctl_lock_test" || true
	@$(BOOT_LOCK) mk/boot.sh $(BZIMAGE) $(INITRAMFS) $(LOGS)/boot5-apparmor $(BOOT_TIMEOUT) \
		"lsm=landlock,uringaudit,apparmor audit=1 kunit.enable=0 ua.mode=test ua.tests=stack_apparmor_test" || true
	@$(BOOT_LOCK) mk/boot.sh $(BZIMAGE) $(INITRAMFS) $(LOGS)/boot6-selinux $(BOOT_TIMEOUT) \
		"lsm=landlock,uringaudit,selinux audit=1 kunit.enable=0 ua.mode=test ua.tests=stack_selinux_test" || true
	@$(BOOT_LOCK) mk/boot.sh $(BZIMAGE) $(INITRAMFS) $(LOGS)/boot7-learn $(BOOT_TIMEOUT) \
		"lsm=landlock,uringaudit audit=1 audit_backlog_limit=8192 kunit.enable=0 ua.mode=test ua.tests=learn_test" || true
	@$(BOOT_LOCK) mk/boot.sh $(CBZIMAGE) $(INITRAMFS) $(LOGS)/boot8-compat $(BOOT_TIMEOUT) \
		"lsm=landlock,uringaudit audit=1 audit_backlog_limit=8192 ua.mode=test" || true
	@$(BOOT_LOCK) mk/boot.sh $(BZIMAGE) $(INITRAMFS) $(LOGS)/boot9-identity-lock $(BOOT_TIMEOUT) \
		"lsm=landlock,uringaudit audit=1 audit_backlog_limit=8192 kunit.enable=0 ua.mode=test ua.tests=identity_lock_test" || true
	@$(FLEET_BOOT) || true

# The fleet boot: two sending nodes and a collecting auditd, three guests
# linked over the loopback (mk/fleet.sh); boot10-fleet-* in $(LOGS).  Its
# guests, one after the other, may take twice BOOT_TIMEOUT in all.
FLEET_BOOT = $(BOOT_LOCK) mk/fleet.sh $(BZIMAGE) $(INITRAMFS) $(LOGS)/boot10-fleet \
	$$(($(BOOT_TIMEOUT) * 2)) $(BUILD)/ctl/uringaudit-ctl

check-fleet: kernel initramfs ctl
	@mkdir -p $(LOGS)
	@rm -f $(LOGS)/boot10-fleet-*
	@$(FLEET_BOOT) || true

check: source
	@rm -rf $(LOGS)
	@$(MAKE) -s --no-print-directory check-host
	@$(MAKE) -s --no-print-directory check-guest
	@mk/summarize.sh $(LOGS)

# The guest suites on the debug kernel; any splat or kmemleak leak fails.
check-debug: kernel-debug initramfs
	@rm -rf $(BUILD)/logs-debug && mkdir -p $(BUILD)/logs-debug
	@$(BOOT_LOCK) mk/boot.sh $(DBZIMAGE) $(INITRAMFS) $(BUILD)/logs-debug/boot1-active $(BOOT_TIMEOUT) \
		"lsm=landlock,uringaudit audit=1 audit_backlog_limit=8192 ua.mode=test ua.stress=60 ua.kmemleak=1" || true
	@$(BOOT_LOCK) mk/boot.sh $(DBZIMAGE) $(INITRAMFS) $(BUILD)/logs-debug/boot2-absent $(BOOT_TIMEOUT) \
		"lsm=landlock kunit.enable=0 ua.mode=test ua.tests=base_test,uring_test ua.kmemleak=1" || true
	@mk/summarize.sh $(BUILD)/logs-debug

demo: kernel initramfs
	@mkdir -p $(LOGS)
	@$(BOOT_LOCK) mk/boot.sh $(BZIMAGE) $(INITRAMFS) $(LOGS)/demo $(BOOT_TIMEOUT) \
		"lsm=landlock,uringaudit ua.mode=demo"
	@cat $(LOGS)/demo.out

# Boots under QEMU instruction counting, three per seed: without uringaudit,
# in precise mode and in compat mode; writes BENCH_REPORT.  Not a test: it
# asserts nothing.  SEEDS, IOWQ_SEEDS, BENCH_REPS, BENCH_SCALE: mk/bench.sh.
BENCH_REPORT ?= $(TOP)/docs/benchmarks.md

bench: kernel kernel-compat initramfs
	@BOOT_TIMEOUT=1800 $(BOOT_LOCK) mk/bench.sh $(BZIMAGE) $(CBZIMAGE) $(INITRAMFS) \
		$(BUILD)/bench $(BENCH_REPORT)

# Where an op's instructions go: two boots under QEMU's instruction
# counting, a TCG plugin counting each kernel instruction (mk/profile.sh).
WORKLOAD ?= read_inline
BASE ?= empty
POLICY ?= paths64
profile: kernel initramfs
	@$(BOOT_LOCK) mk/profile.sh $(BZIMAGE) $(INITRAMFS) $(KOBJ)/vmlinux \
		"$(WORKLOAD)" "$(BASE)" "$(POLICY)" $(BUILD)/profile

# The policy parser fuzzer (libFuzzer, ASan, UBSan; Debian's clang), from
# the kernel's sources.  FUZZ_TIME seconds, or FUZZ_RUNS executions.
FUZZ_TIME ?= 60
FUZZ_RUNS ?= -1

$(FUZZ): tests/fuzz/policy_fuzz.c $(wildcard security/uringaudit/policy_*.c) \
		security/uringaudit/policy.h tools/uringaudit-ctl/kcompat.h
	@mkdir -p $(BUILD)/fuzz
	@echo "  CLANG   $@"
	@clang -g -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined \
		-include tools/uringaudit-ctl/kcompat.h -Itools/uringaudit-ctl \
		-Isecurity/uringaudit -o $@ $(filter-out %_test.c,$(filter %.c,$^))

fuzz: deps $(FUZZ)
	@mkdir -p $(BUILD)/fuzz/corpus
	@cp -n tests/fuzz/corpus/* $(BUILD)/fuzz/corpus/
	@cd $(BUILD)/fuzz && ./policy_fuzz -dict=$(TOP)/tests/fuzz/policy.dict \
		-max_len=4096 -max_total_time=$(FUZZ_TIME) -runs=$(FUZZ_RUNS) \
		-print_final_stats=1 corpus 2>&1 | tail -n 20

# Style and static checks of the kernel side: checkpatch --strict,
# clang-format, sparse (C=2) and W=1 on security/uringaudit/.
lint: kernel
	@style=$$(LINUX=$(LINUX) bash tests/host/style_test.sh); rc=$$?; \
	echo "$$style" | grep -v '^ok'; \
	out=$$($(BUILD_LOCK) $(KMAKE) -s C=2 W=1 security/uringaudit/ 2>&1 | grep -E 'warning|error'); \
	if [ -n "$$out" ]; then echo "$$out"; exit 1; fi; \
	if [ $$rc -ne 0 ]; then echo "lint: style checks failed (above)"; exit 1; fi; \
	echo "lint: security/uringaudit is checkpatch, clang-format, sparse and W=1 clean"

# The upstream posting: the io_uring LSM hook series, uringaudit in steps
# that each build, docs, selftests and a cover letter, against the pristine
# tree; checkpatch --strict clean (tests/host/patches_test.sh applies and
# builds it).
patches: deps
	@$(MAKE) -s --no-print-directory $(PRISTINE)/.unpacked
	@mk/patches.sh $(PRISTINE) $(PATCHES)

# COMPAT=1: without the io_uring LSM hook series (compat mode).
apply:
	@test -n "$(KSRC)" || { echo "usage: make apply KSRC=/path/to/linux-6.12 [COMPAT=1]" >&2; exit 2; }
	@mk/apply.sh $(if $(filter 1,$(COMPAT)),--compat) $(KSRC)

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -rf $(KCACHE)
