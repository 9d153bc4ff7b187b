// SPDX-License-Identifier: GPL-2.0-only
/*
 * insncount - A QEMU TCG plugin: how often each guest kernel instruction
 * ran.  make profile loads it into two boots of the same kernel, under
 * the same -icount seed, and compares the counts per kernel function.
 *
 * Debian ships no qemu-plugin.h: the few entry points used here are
 * declared as QEMU 7.2 (its plugin API version 1) defines them.  Every
 * instruction at a kernel address gets an inline counter; at exit the
 * nonzero counters are written as "ADDRESS COUNT" lines, in hex and
 * decimal, to the file named by the plugin argument out=FILE.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
typedef struct qemu_info_t qemu_info_t;

#define QEMU_PLUGIN_EXPORT __attribute__((visibility("default")))
#define QEMU_PLUGIN_INLINE_ADD_U64 0

void qemu_plugin_register_vcpu_tb_trans_cb(
	qemu_plugin_id_t id,
	void (*cb)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb));
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb,
						 size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn,
						int op, void *ptr,
						uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
				    void (*cb)(qemu_plugin_id_t id, void *data),
				    void *data);

QEMU_PLUGIN_EXPORT int qemu_plugin_version = 1;

/* Kernel text is above this address on x86-64. */
#define KERNEL_START 0xffffffff80000000ULL
/* An open-addressing table of counters, far larger than kernel text. */
#define SLOTS (1U << 22)

struct counter {
	uint64_t addr;
	uint64_t count;
};

static struct counter *table;
static const char *out_path;

static uint64_t *counter_of(uint64_t addr)
{
	uint32_t i = (uint32_t)((addr * 0x9e3779b97f4a7c15ULL) >> 42);

	for (;; i = (i + 1) & (SLOTS - 1)) {
		if (table[i].addr == addr)
			return &table[i].count;
		if (!table[i].addr) {
			table[i].addr = addr;
			return &table[i].count;
		}
	}
}

static void translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb), i;

	(void)id;
	for (i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint64_t addr = qemu_plugin_insn_vaddr(insn);

		if (addr < KERNEL_START)
			continue;
		qemu_plugin_register_vcpu_insn_exec_inline(
			insn, QEMU_PLUGIN_INLINE_ADD_U64, counter_of(addr), 1);
	}
}

static void at_exit(qemu_plugin_id_t id, void *data)
{
	FILE *f = fopen(out_path, "w");
	uint32_t i;

	(void)id;
	(void)data;
	if (!f) {
		fprintf(stderr, "insncount: Failed to open \"%s\": %m\n",
			out_path);
		return;
	}
	for (i = 0; i < SLOTS; i++)
		if (table[i].count)
			fprintf(f, "%llx %llu\n",
				(unsigned long long)table[i].addr,
				(unsigned long long)table[i].count);
	if (fclose(f))
		fprintf(stderr, "insncount: Failed to write \"%s\": %m\n",
			out_path);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
					   const qemu_info_t *info, int argc,
					   char **argv)
{
	int i;

	(void)info;
	for (i = 0; i < argc; i++)
		if (!strncmp(argv[i], "out=", 4))
			out_path = argv[i] + 4;
	if (!out_path) {
		fprintf(stderr, "insncount: no out=FILE argument\n");
		return -1;
	}
	table = calloc(SLOTS, sizeof(*table));
	if (!table) {
		fprintf(stderr, "insncount: Failed to allocate the counters\n");
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, translated);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
