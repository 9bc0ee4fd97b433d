/*
 * jsonw.c: a JSON document written piece by piece that comes out byte for
 * byte as cJSON_Print would print it whole, so a report of thousands of
 * launches never holds more than one of them as a cJSON tree.
 *
 * cJSON_Print indents with one tab per depth, puts "\n" between an
 * object's members and ", " between an array's elements, and escapes the
 * newlines of strings: every raw newline in its output is layout.  An item
 * printed alone starts at depth 0, so inserting the depth it sits at after
 * each of its newlines gives what the whole tree would have printed.
 */
#include <string.h>

#include "report_int.h"

void
rpt_jw_init(struct rpt_jw *w, FILE *fp)
{
	memset(w, 0, sizeof(*w));
	w->fp = fp;
}

static void
tabs(FILE *fp, unsigned n)
{
	while (n-- > 0)
		putc('\t', fp);
}

/* The separator and key that come before a value in the open container. */
static void
member(struct rpt_jw *w, const char *key)
{
	unsigned d = w->depth;

	if (d == 0)
		return;
	if (w->kind[d - 1] == '{') {
		fputs(w->some[d - 1] ? ",\n" : "\n", w->fp);
		tabs(w->fp, d);
		/* Keys are the reporters' own ASCII words: nothing to escape. */
		fprintf(w->fp, "\"%s\":\t", key);
	} else if (w->some[d - 1])
		fputs(", ", w->fp);
	w->some[d - 1] = 1;
}

static void
open_container(struct rpt_jw *w, const char *key, char kind)
{
	if (w->depth >= RPT_JW_DEPTH)
		gl_die("json writer: nested too deep");
	member(w, key);
	putc(kind, w->fp);
	w->kind[w->depth] = kind;
	w->some[w->depth++] = 0;
}

void
rpt_jw_object(struct rpt_jw *w, const char *key)
{
	open_container(w, key, '{');
}

void
rpt_jw_array(struct rpt_jw *w, const char *key)
{
	open_container(w, key, '[');
}

void
rpt_jw_close(struct rpt_jw *w)
{
	if (w->depth == 0)
		gl_die("json writer: nothing to close");
	if (w->kind[--w->depth] == '[') {
		putc(']', w->fp);
		return;
	}
	/* An empty object too: cJSON prints it "{\n}" at its depth. */
	putc('\n', w->fp);
	tabs(w->fp, w->depth);
	putc('}', w->fp);
}

void
rpt_jw_item(struct rpt_jw *w, const char *key, cJSON *item)
{
	char *s, *p, *nl;

	if (rpt_jw_failed(w)) {
		cJSON_Delete(item);
		return;
	}
	if ((s = cJSON_Print(item)) == NULL)
		gl_die("out of memory");
	cJSON_Delete(item);
	member(w, key);
	for (p = s; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		fwrite(p, 1, (size_t)(nl - p) + 1, w->fp);
		tabs(w->fp, w->depth);
	}
	fputs(p, w->fp);
	cJSON_free(s);
}

int
rpt_jw_failed(const struct rpt_jw *w)
{
	return ferror(w->fp) != 0;
}

int
rpt_jw_end(struct rpt_jw *w)
{
	if (w->depth != 0)
		gl_die("json writer: %u containers left open", w->depth);
	putc('\n', w->fp);
	return rpt_jw_failed(w) ? -1 : 0;
}
