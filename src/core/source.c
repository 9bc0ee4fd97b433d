/*
 * source.c: input buffers with a line index, so that every location can be
 * kept as a byte span and turned into line:column only when printed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

static VEC(struct source *) registry;

struct source *
src_new(const char *name, const char *text, size_t len)
{
	struct source *src = xcalloc(1, sizeof(*src));
	size_t i, cap = 16;

	src->name = xstrdup(name);
	src->text = xstrndup(text, len);
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
	VEC_PUSH(&registry, src);
	return src;
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

struct source *
src_read_file(const char *path, const char *display_name)
{
	struct strbuf sb = STRBUF_INIT;
	struct source *src;
	char buf[65536];
	size_t n;
	FILE *fp;
	int err;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_add(&sb, buf, n);
	err = ferror(fp) ? errno : 0;
	fclose(fp);
	if (err) {
		sb_release(&sb);
		errno = err;
		return NULL;
	}
	src = src_new(display_name ? display_name : path, sb_str(&sb), sb.len);
	sb_release(&sb);
	return src;
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
