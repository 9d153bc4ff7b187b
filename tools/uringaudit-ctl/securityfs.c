// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - Reading and writing uringaudit's securityfs files
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "ctl.h"

#include <fcntl.h>
#include <unistd.h>

const char *root = DEFAULT_ROOT;

/* Hints for the causes that are common enough to name. */
void hint(int err, const char *what)
{
	switch (err) {
	case ENOENT:
		if (access(root, F_OK))
			fprintf(stderr,
				"Hint: %s does not exist: is securityfs mounted, and uringaudit in lsm= (see /sys/kernel/security/lsm)?\n",
				root);
		break;
	case EACCES:
	case EPERM:
		if (!strcmp(what, "write"))
			fprintf(stderr,
				"Hint: writing needs root with CAP_MAC_ADMIN, and uringaudit not locked (see \"%s status\").\n",
				prog);
		else
			fprintf(stderr, "Hint: run as root.\n");
		break;
	default:
		break;
	}
}

/* The path of file @name of the securityfs directory. */
const char *path_of(const char *name)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s", root, name);
	return path;
}

/*
 * read_file() - Read a whole file (or stdin for "-"), NUL-terminated
 * @path: The file.
 * @lenp: Its length, on success.
 * @errp: The errno, on failure; nothing is printed.
 * @verbp: What failed, on failure: "open" or "read".
 *
 * Reads at most a little over twice the largest policy.
 *
 * Return: The text, to be freed, or NULL.
 */
char *read_file(const char *path, size_t *lenp, int *errp, const char **verbp)
{
	size_t len = 0, cap = 65536;
	char *buf = malloc(cap + 1), *more;
	ssize_t n;
	int fd;

	*errp = ENOMEM;
	*verbp = "read";
	if (!buf)
		return NULL;
	fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	if (fd < 0) {
		*errp = errno;
		*verbp = "open";
		free(buf);
		return NULL;
	}
	for (;;) {
		if (len == cap) {
			/* A policy is at most 1 MiB: read a little past it. */
			if (cap > 2 * URINGAUDIT_POLICY_MAX_SIZE)
				break;
			cap *= 2;
			more = realloc(buf, cap + 1);
			if (!more) {
				errno = ENOMEM;
				goto fail;
			}
			buf = more;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (!n)
			break;
		len += n;
	}
	if (fd)
		close(fd);
	buf[len] = '\0';
	*lenp = len;
	return buf;
fail:
	*errp = errno;
	if (fd)
		close(fd);
	free(buf);
	return NULL;
}

/* read_file(), saying what went wrong on stderr. */
char *read_all(const char *path, size_t *lenp)
{
	const char *verb;
	int err;
	char *text = read_file(path, lenp, &err, &verb);

	if (text)
		return text;
	fprintf(stderr, "Failed to %s \"%s\": %s\n", verb, path, strerror(err));
	hint(err, "read");
	return NULL;
}

/* Read a small securityfs file; return its text without the last '\n'. */
char *read_knob(const char *name)
{
	size_t len;
	char *text = read_all(path_of(name), &len);

	if (text && len && text[len - 1] == '\n')
		text[len - 1] = '\0';
	return text;
}

/* Write @text to a securityfs file in one write(2); return 0 or errno. */
int write_knob(const char *name, const char *text, size_t len)
{
	const char *path = path_of(name);
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	n = write(fd, text, len);
	if (n < 0)
		err = errno;
	else if ((size_t)n != len)
		err = EIO;
	close(fd);
	return err;
}

bool is_locked(void)
{
	char *lock = read_knob("lock");
	bool locked = lock && !strcmp(lock, "1");

	free(lock);
	return locked;
}

/**
 * check_abi() - Refuse to write to a uringaudit of another ABI
 * @verb: What the caller is about to do, for the message ("load").
 * @what: Its object, for the message.
 *
 * <linux/uringaudit.h> asks user space to compare the ``abi_version`` file
 * with the value it was built against, and to refuse to proceed on a
 * mismatch: every command calls this before it writes anything.
 *
 * Return: 0 when they match, else %EXIT_FAIL after saying why.
 */
int check_abi(const char *verb, const char *what)
{
	char file[4200], *text, *end;
	const char *how;
	size_t len;
	long abi;
	int err;

	snprintf(file, sizeof(file), "%s", path_of("abi_version"));
	text = read_file(file, &len, &err, &how);
	if (!text) {
		fprintf(stderr, "Failed to %s \"%s\": cannot %s \"%s\": %s\n",
			verb, what, how, file, strerror(err));
		hint(err, "read");
		return EXIT_FAIL;
	}
	errno = 0;
	abi = strtol(text, &end, 10);
	if (errno || end == text || (*end && strcmp(end, "\n"))) {
		fprintf(stderr,
			"Failed to %s \"%s\": \"%s\" holds no ABI version\n",
			verb, what, file);
		free(text);
		return EXIT_FAIL;
	}
	free(text);
	if (abi != URINGAUDIT_CTL_ABI) {
		fprintf(stderr,
			"Failed to %s \"%s\": the kernel's uringaudit ABI is %ld, this %s was built for ABI %d\n",
			verb, what, abi, prog, URINGAUDIT_CTL_ABI);
		fprintf(stderr,
			"Hint: use the uringaudit-ctl built with the running kernel's <linux/uringaudit.h>.\n");
		return EXIT_FAIL;
	}
	return 0;
}
