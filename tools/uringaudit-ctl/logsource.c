// SPDX-License-Identifier: GPL-2.0-only
/*
 * uringaudit-ctl - The logs to read, as one stream for libauparse
 *
 * The files (auditd's, oldest first, or those given) are read one after
 * the other through a stdio cookie, so that auparse sees one stream and
 * joins an event that a rotation split in two.  The cookie counts lines,
 * so that a line number of auparse's names a file and a line in it; adds
 * the newline a truncated file lacks, so that its last line does not run
 * into the next file; and notes the lines that end an event (EOE), which
 * auparse reads without a record.  Every other line that yields no record
 * is one auparse could not parse.  It also notes the lines that hold two
 * records ("msg=audit(" twice): a log cut mid-record and written on joins
 * the cut record and the next into one line, whose fields cannot be
 * trusted.
 *
 * Copyright (C) 2026 The uringaudit authors
 */

#include "logs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bytes of a line's start kept to tell an EOE line. */
#define HEAD_LEN 160
/* What begins every record's time stamp and serial. */
#define STAMP "msg=audit("

struct src_file {
	const char *name;
	int fd;
	unsigned long first;
	unsigned long lines;
	bool partial;
};

struct log_source {
	struct src_file *files;
	unsigned int nfiles, cur;
	FILE *stream;
	unsigned long line;
	bool at_line_start;
	bool pending_newline;
	char head[HEAD_LEN];
	size_t head_len;
	/* Of "msg=audit(" in the current line: characters matched, times. */
	size_t stamp_at;
	unsigned int stamps;
	/*
	 * Per line, from 1: bit 0 made a record, bit 1 is an EOE line, bit 2
	 * holds two records.
	 */
	unsigned char *marks;
	size_t nmarks;
	int err;
	char names[4096];
};

static void mark(struct log_source *src, unsigned long line, unsigned char m)
{
	if (line >= src->nmarks) {
		size_t n = src->nmarks ? src->nmarks : 4096;
		unsigned char *more;

		while (n <= line)
			n *= 2;
		more = realloc(src->marks, n);
		if (!more)
			return;
		memset(more + src->nmarks, 0, n - src->nmarks);
		src->marks = more;
		src->nmarks = n;
	}
	src->marks[line] |= m;
}

/* Whether the line that ends now, of which @head is the start, is EOE. */
static bool is_eoe(const char *head, size_t len)
{
	const char *p = head;

	if (len >= 5 && !memcmp(p, "node=", 5)) {
		p = memchr(head, ' ', len);
		if (!p)
			return false;
		p++;
	}
	return (size_t)(p - head) + 9 <= len && !memcmp(p, "type=EOE ", 9);
}

/* Count the lines of @n bytes read from the current file. */
static void account(struct log_source *src, const char *buf, size_t n)
{
	struct src_file *f = &src->files[src->cur];
	size_t i;

	for (i = 0; i < n; i++) {
		if (src->at_line_start) {
			src->line++;
			f->lines++;
			src->head_len = 0;
			src->stamp_at = 0;
			src->stamps = 0;
			src->at_line_start = false;
		}
		if (buf[i] == '\n') {
			if (is_eoe(src->head, src->head_len))
				mark(src, src->line, 2);
			if (src->stamps > 1)
				mark(src, src->line, 4);
			src->at_line_start = true;
			continue;
		}
		if (src->head_len < HEAD_LEN)
			src->head[src->head_len++] = buf[i];
		/* "msg=audit(" has no prefix that is also a suffix. */
		if (buf[i] == STAMP[src->stamp_at])
			src->stamp_at++;
		else
			src->stamp_at = buf[i] == STAMP[0];
		if (!STAMP[src->stamp_at]) {
			src->stamps++;
			src->stamp_at = 0;
		}
	}
}

static ssize_t src_read(void *cookie, char *buf, size_t size)
{
	struct log_source *src = cookie;
	struct src_file *f;
	ssize_t n;

	for (;;) {
		if (src->pending_newline) {
			src->pending_newline = false;
			src->cur--;
			account(src, "\n", 1);
			src->cur++;
			buf[0] = '\n';
			return 1;
		}
		if (src->cur >= src->nfiles)
			return 0;
		f = &src->files[src->cur];
		n = read(f->fd, buf, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			src->err = errno;
			return -1;
		}
		if (n > 0) {
			account(src, buf, n);
			return n;
		}
		/* The end of a file: a line left open is its last. */
		f->partial = !src->at_line_start;
		src->pending_newline = f->partial;
		src->cur++;
		if (src->cur < src->nfiles)
			src->files[src->cur].first = src->line + 1;
	}
}

static int src_close(void *cookie)
{
	(void)cookie;
	return 0;
}

/* Open one file of the list; 0 or EXIT_FAIL after saying why. */
static int open_one(struct src_file *f)
{
	struct stat st;

	f->fd = strcmp(f->name, "-") ? open(f->name, O_RDONLY | O_CLOEXEC) :
				       STDIN_FILENO;
	if (f->fd < 0) {
		int err = errno;

		fprintf(stderr, "Failed to open \"%s\": %s\n", f->name,
			strerror(err));
		if (err == EACCES)
			fprintf(stderr,
				"Hint: auditd's logs are readable by root (or its log_group) only.\n");
		return EXIT_FAIL;
	}
	if (!fstat(f->fd, &st) && S_ISDIR(st.st_mode)) {
		fprintf(stderr, "Failed to read \"%s\": %s\n", f->name,
			strerror(EISDIR));
		return EXIT_FAIL;
	}
	return 0;
}

/**
 * log_source_open() - Open the logs, in the order given
 * @files: Their names; "-" is standard input.
 * @nfiles: How many.
 *
 * Every file is opened at once, so that one that cannot be is named before
 * anything is read.
 *
 * Return: The source, or NULL after saying why.
 */
struct log_source *log_source_open(const char *const *files,
				   unsigned int nfiles)
{
	static const cookie_io_functions_t io = {
		.read = src_read,
		.close = src_close,
	};
	struct log_source *src = calloc(1, sizeof(*src));
	unsigned int i;
	size_t len = 0;

	if (!src || !(src->files = calloc(nfiles, sizeof(*src->files)))) {
		fprintf(stderr, "Failed to read the logs: %s\n",
			strerror(ENOMEM));
		free(src);
		return NULL;
	}
	src->at_line_start = true;
	src->files[0].first = 1;
	for (i = 0; i < nfiles; i++) {
		src->files[i].fd = -1;
		src->files[i].name = files[i];
		len += snprintf(
			src->names + len,
			len < sizeof(src->names) ? sizeof(src->names) - len : 0,
			"%s%s", i ? ", " : "",
			strcmp(files[i], "-") ? files[i] : "<stdin>");
		src->nfiles = i + 1;
		if (len >= sizeof(src->names) || open_one(&src->files[i]))
			goto fail;
	}
	src->stream = fopencookie(src, "r", io);
	if (src->stream)
		return src;
	fprintf(stderr, "Failed to read the logs: %s\n", strerror(errno));
fail:
	if (len >= sizeof(src->names))
		fprintf(stderr, "Failed to read the logs: too many names\n");
	log_source_close(src, false);
	return NULL;
}

FILE *log_source_stream(struct log_source *src)
{
	return src->stream;
}

const char *log_source_names(const struct log_source *src)
{
	return src->names;
}

/* The file and line of line @line of the stream. */
void log_source_where(const struct log_source *src, unsigned long line,
		      const char **file, unsigned long *file_line)
{
	unsigned int i;

	for (i = 0; i + 1 < src->nfiles; i++)
		if (line < src->files[i + 1].first || !src->files[i + 1].first)
			break;
	*file = src->files[i].name;
	*file_line = line - src->files[i].first + 1;
}

/* Line @line made a record. */
void log_source_saw(struct log_source *src, unsigned long line)
{
	mark(src, line, 1);
}

/* Whether line @line holds two records, run together. */
bool log_source_joined(const struct log_source *src, unsigned long line)
{
	return line < src->nmarks && (src->marks[line] & 4);
}

/* Whether line @line is the incomplete last line of a file. */
bool log_source_partial(const struct log_source *src, unsigned long line)
{
	unsigned int i;

	for (i = 0; i < src->nfiles; i++)
		if (src->files[i].partial &&
		    line == src->files[i].first + src->files[i].lines - 1)
			return true;
	return false;
}

/* Say which lines of @f were not records, a run a line; count them. */
static unsigned long damage_of(const struct log_source *src,
			       const struct src_file *f)
{
	unsigned long l, start, end = f->first + f->lines, n = 0;
	int said = 0;

	if (f->partial) {
		end--;
		fprintf(stderr,
			"Failed to parse \"%s\": its last line (%lu) is incomplete, as in a truncated log; ignored\n",
			f->name, f->lines);
		n++;
	}
	for (l = f->first; l < end; l++) {
		if (l < src->nmarks && src->marks[l])
			continue;
		for (start = l; l + 1 < end; l++)
			if (l + 1 < src->nmarks && src->marks[l + 1])
				break;
		n += l - start + 1;
		if (++said > 5)
			continue;
		if (l == start)
			fprintf(stderr,
				"Failed to parse \"%s\": line %lu is not an audit record; ignored\n",
				f->name, start - f->first + 1);
		else
			fprintf(stderr,
				"Failed to parse \"%s\": lines %lu-%lu are not audit records; ignored\n",
				f->name, start - f->first + 1,
				l - f->first + 1);
	}
	if (said > 5)
		fprintf(stderr, "Failed to parse \"%s\": and %d more runs\n",
			f->name, said - 5);
	return n;
}

/**
 * log_source_close() - Close the logs; say what was wrong with them
 * @src: The source, or NULL.
 * @read_all: Whether the stream was read to its end; if so, the lines that
 *	made no record are reported.
 *
 * The stream itself is closed by its reader (auparse_destroy() does).
 *
 * Return: 0; %EXIT_FAIL when a file could not be read; %EXIT_DAMAGED when
 * lines were not audit records or a file's last line was incomplete.
 */
int log_source_close(struct log_source *src, bool read_all)
{
	unsigned long damaged = 0;
	unsigned int i;
	int ret = 0;

	if (!src)
		return 0;
	if (src->err) {
		fprintf(stderr, "Failed to read \"%s\": %s\n",
			src->files[src->cur].name, strerror(src->err));
		ret = EXIT_FAIL;
	}
	for (i = 0; i < src->nfiles && !ret && read_all; i++)
		damaged += damage_of(src, &src->files[i]);
	for (i = 0; i < src->nfiles; i++)
		if (src->files[i].fd > STDIN_FILENO)
			close(src->files[i].fd);
	free(src->marks);
	free(src->files);
	free(src);
	return ret ? ret : damaged ? EXIT_DAMAGED : 0;
}

/* Where auditd's configuration is; an environment variable for tests. */
#define AUDITD_CONF "/etc/audit/auditd.conf"
#define AUDITD_CONF_ENV "URINGAUDIT_AUDITD_CONF"
#define AUDITD_LOG "/var/log/audit/audit.log"

/* The value of "key = value" line @key of auditd.conf @text, or NULL. */
static char *conf_value(const char *text, const char *key)
{
	size_t klen = strlen(key), n;
	const char *p = text, *v;

	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		p += strspn(p, " \t");
		if (strncmp(p, key, klen))
			continue;
		v = p + klen + strspn(p + klen, " \t");
		if (*v != '=')
			continue;
		v += 1 + strspn(v + 1, " \t");
		n = strcspn(v, "\n");
		while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' ||
			     v[n - 1] == '\r'))
			n--;
		return n ? strndup(v, n) : NULL;
	}
	return NULL;
}

/**
 * auditd_logs() - The files auditd writes, oldest first
 * @files: Where to put their names (to be freed, each).
 * @max: Room in @files.
 *
 * log_file of auditd.conf (or its default), after its rotated copies
 * log_file.N, ..., log_file.1 that exist.
 *
 * Return: The number of files, or 0 after saying why there is none.
 */
unsigned int auditd_logs(char **files, unsigned int max)
{
	const char *conf = getenv(AUDITD_CONF_ENV), *verb;
	char *text, *log = NULL, name[4200];
	unsigned int n = 0, i;
	size_t len;
	int err;

	if (!conf || !*conf)
		conf = AUDITD_CONF;
	text = read_file(conf, &len, &err, &verb);
	if (text)
		log = conf_value(text, "log_file");
	free(text);
	if (!log)
		log = strdup(AUDITD_LOG);
	if (!log)
		return 0;
	if (access(log, F_OK)) {
		err = errno;
		fprintf(stderr, "Failed to open \"%s\": %s\n", log,
			strerror(err));
		if (err == EACCES)
			fprintf(stderr,
				"Hint: auditd's logs are readable by root (or its log_group) only.\n");
		else
			fprintf(stderr,
				"Hint: that is log_file of %s: is auditd running? --file names another log.\n",
				conf);
		free(log);
		return 0;
	}
	for (i = 1; i < max; i++) {
		snprintf(name, sizeof(name), "%s.%u", log, i);
		if (access(name, F_OK))
			break;
	}
	while (--i > 0) {
		snprintf(name, sizeof(name), "%s.%u", log, i);
		files[n++] = strdup(name);
	}
	files[n++] = log;
	return n;
}
