/*
 * source.c: input buffers with a line index, so that every location can be
 * kept as a byte span and turned into line:column only when printed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core.h"

static VEC(struct source *) registry;

/* Takes text (len bytes, NUL-terminated, from xmalloc) as its own. */
static struct source *
src_adopt(const char *name, char *text, size_t len)
{
	struct source *src = xcalloc(1, sizeof(*src));
	size_t i, cap = 16;

	src->name = xstrdup(name);
	src->text = text;
	src->len = len;
	src->line_off = xmalloc(cap * sizeof(size_t));
	src->line_off[src->nlines++] = 0;
	for (i = 0; i < len; i++) {
		if (text[i] != '\n' || i + 1 == len)
			continue;
		if (src->nlines == cap) {
			cap *= 2;
			src->line_off = xrealloc(src->line_off,
			    cap * sizeof(size_t));
		}
		src->line_off[src->nlines++] = i + 1;
	}
	if (src->nlines < cap) /* give back the doubling's slack */
		src->line_off = xrealloc(src->line_off,
		    src->nlines * sizeof(size_t));
	VEC_PUSH(&registry, src);
	return src;
}

struct source *
src_new(const char *name, const char *text, size_t len)
{
	return src_adopt(name, xstrndup(text, len), len);
}

const struct source *
src_find(const char *name)
{
	size_t i;

	for (i = registry.n; i-- > 0;)
		if (strcmp(registry.v[i]->name, name) == 0)
			return registry.v[i];
	return NULL;
}

/* --max-file-size: an input larger than this is not read (0: no limit). */
static size_t max_file_size = SRC_DEFAULT_MAX_SIZE;
/* Why the last src_read_file() failed, when errno cannot say it. */
static char read_error[128];

void
src_set_max_size(size_t max)
{
	max_file_size = max;
}

const char *
src_read_error(void)
{
	return read_error[0] ? read_error : strerror(errno);
}

const char *
src_special_name(unsigned m)
{
	if (S_ISFIFO(m))
		return "a named pipe (FIFO)";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	if (S_ISDIR(m))
		return "a directory";
	return "not a regular file";
}

static void
too_large(void)
{
	char lim[32];

	src_format_size(lim, sizeof(lim), max_file_size);
	snprintf(read_error, sizeof(read_error), "larger than the %s limit "
	    "(--max-file-size): not read", lim);
	errno = EFBIG;
}

/*
 * Reads all of fd, but never more than the size limit: stdin may be a
 * pipe from /dev/zero.  Returns the bytes (NUL-terminated) or NULL.
 */
static char *
read_fd(int fd, size_t hint, size_t *len)
{
	/* room for the NUL and one byte more: EOF is seen without growing.
	 * A file's size is its hint; a pipe starts at a page. */
	size_t cap = hint > 0 ? hint + 2 : 4096, n = 0;
	char *buf = xmalloc(cap);
	ssize_t r;

	for (;;) {
		if (n + 1 == cap) {
			if (max_file_size && n > max_file_size)
				break;
			cap = cap * 2;
			buf = xrealloc(buf, cap);
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(buf);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (max_file_size && n > max_file_size) {
		free(buf);
		too_large();
		return NULL;
	}
	if (cap - n > 4096) /* kept all run long: give back what a pipe left */
		buf = xrealloc(buf, n + 1);
	buf[n] = '\0';
	*len = n;
	return buf;
}

struct source *
src_read_file(const char *path, const char *display_name)
{
	struct stat st;
	size_t len;
	char *text;
	int fd, err;

	read_error[0] = '\0';
	if (strcmp(path, "/dev/stdin") == 0) {
		fd = STDIN_FILENO; /* a pipe is what stdin usually is */
	} else {
		/*
		 * stat first: opening a FIFO blocks until a writer comes, and a
		 * device may never end.  O_NONBLOCK covers a swap in between.
		 */
		if (stat(path, &st) != 0)
			return NULL;
		if (!S_ISREG(st.st_mode)) {
			snprintf(read_error, sizeof(read_error), "%s: not read",
			    src_special_name(st.st_mode));
			errno = EINVAL;
			return NULL;
		}
		if (max_file_size && (uintmax_t)st.st_size > max_file_size) {
			too_large();
			return NULL;
		}
		if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY)) < 0)
			return NULL;
		if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
			snprintf(read_error, sizeof(read_error), "%s: not read",
			    src_special_name(S_ISREG(st.st_mode) ? 0 : st.st_mode));
			close(fd);
			errno = EINVAL;
			return NULL;
		}
	}
	text = read_fd(fd, fd == STDIN_FILENO ? 0 : (size_t)st.st_size, &len);
	err = errno;
	if (fd != STDIN_FILENO)
		close(fd);
	if (text == NULL) {
		errno = err;
		return NULL;
	}
	return src_adopt(display_name ? display_name : path, text, len);
}

/* "10 MiB" for limits in messages: exact units only, else bytes. */
void
src_format_size(char *buf, size_t n, size_t bytes)
{
	static const char *const units[] = { "KiB", "MiB", "GiB" };
	int u = -1;

	while (u < 2 && bytes >= 1024 && bytes % 1024 == 0) {
		bytes /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, n, "%zu bytes", bytes);
	else
		snprintf(buf, n, "%zu %s", bytes, units[u]);
}

int
src_parse_size(const char *s, size_t *out)
{
	unsigned long long v;
	char *end;
	int shift = 0;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return -1;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: break;
	}
	if (shift && (*end == 'i' || *end == 'I'))
		end++; /* "10MiB" */
	if (shift && (*end == 'b' || *end == 'B'))
		end++;
	if (*end != '\0' || v > (SIZE_MAX >> shift))
		return -1;
	*out = (size_t)(v << shift);
	return 0;
}

unsigned
src_long_line(const struct source *src, size_t max)
{
	size_t i, end;

	for (i = 0; i < src->nlines; i++) {
		end = i + 1 < src->nlines ? src->line_off[i + 1] : src->len;
		if (end - src->line_off[i] > max + 1) /* + its newline */
			return (unsigned)i + 1;
	}
	return 0;
}

void
src_registry_free(void)
{
	size_t i;

	for (i = 0; i < registry.n; i++) {
		free(registry.v[i]->name);
		free(registry.v[i]->text);
		free(registry.v[i]->line_off);
		free(registry.v[i]);
	}
	free(registry.v);
	registry.v = NULL;
	registry.n = registry.cap = 0;
}

void
src_position(const struct source *src, size_t off, unsigned *line,
    unsigned *col)
{
	size_t lo = 0, hi = src->nlines;

	if (off > src->len)
		off = src->len;
	/* Last line start <= off. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (src->line_off[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (unsigned)lo + 1;
	*col = (unsigned)(off - src->line_off[lo]) + 1;
}

const char *
src_line(const struct source *src, unsigned line, size_t *len)
{
	size_t start, end;

	if (line == 0 || line > src->nlines) {
		*len = 0;
		return "";
	}
	start = src->line_off[line - 1];
	end = line < src->nlines ? src->line_off[line] : src->len;
	while (end > start && (src->text[end - 1] == '\n' ||
	    src->text[end - 1] == '\r'))
		end--;
	*len = end - start;
	return src->text + start;
}

struct span
span_make(const struct source *src, size_t off, size_t len)
{
	struct span s = { src, off, len };

	return s;
}

struct span
span_join(struct span a, struct span b)
{
	size_t start, end;

	if (a.src == NULL)
		return b;
	if (b.src == NULL || b.src != a.src)
		return a;
	start = a.off < b.off ? a.off : b.off;
	end = a.off + a.len > b.off + b.len ? a.off + a.len : b.off + b.len;
	return span_make(a.src, start, end - start);
}
