/*
 * text.c: the report for people: gcc-style "file:line:col: severity[id
 * slug]: message", the source line with the span underlined, a help line,
 * and a closing summary.
 */
#include <string.h>

#include "report_int.h"
#include "core/core.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"

static const char *const sev_color[] = {
	[SEV_NONE] = "",
	[SEV_INFO] = "\033[1;36m",
	[SEV_WARNING] = "\033[1;33m",
	[SEV_ERROR] = "\033[1;31m",
};

/* The severity words of the text report, translated (sev_name() is the
 * stable English the machine formats keep). */
static const char *const sev_word[] = {
	[SEV_NONE] = N_("none"),
	[SEV_INFO] = N_("info"),
	[SEV_WARNING] = N_("warning"),
	[SEV_ERROR] = N_("error"),
};

const char *
rpt_sev_word(enum severity sev)
{
	return _(sev_word[sev]);
}

/* A character of three or more UTF-8 bytes is taken for a wide (CJK) one. */
int
rpt_cols(const char *s)
{
	const unsigned char *p;
	int cols = 0;

	for (p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xc0) != 0x80)
			cols += *p >= 0xe0 ? 2 : 1;
	return cols;
}

const char *
rpt_pad(const char *w, int cols, char *buf, size_t len)
{
	int used = rpt_cols(w);

	snprintf(buf, len, "%s%*s", w, used < cols ? cols - used : 0, "");
	return buf;
}

#define TABSTOP 8

/*
 * Writes one character of user text: control bytes become '?' so that a
 * hostile input cannot drive the terminal.  Returns the bytes consumed.
 */
static size_t
put_char(struct strbuf *sb, const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	size_t k = 1, i;

	if (c < 0x20 || c == 0x7f) {
		sb_addch(sb, '?');
		return 1;
	}
	if (c < 0x80) {
		sb_addch(sb, (char)c);
		return 1;
	}
	k = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	for (i = 1; i < k; i++)
		if (i >= n || ((unsigned char)s[i] & 0xc0) != 0x80)
			break;
	if (i < k || k == 1 || c >= 0xf8) {
		sb_addch(sb, '?'); /* not UTF-8: one column per byte */
		return 1;
	}
	sb_add(sb, s, k);
	return k;
}

static void
add_clean(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s), i = 0;

	while (i < n)
		i += put_char(sb, s + i, n - i);
}

/*
 * Long lines (minified JSON, a long ENV) are cut to a window around the
 * span, marked with "...", so the excerpt stays readable.  Offsets are
 * moved to character boundaries.
 */
#define WINDOW_BEFORE 60
#define WINDOW_MAX 200

static void
window(const char *text, size_t len, size_t start, size_t end, size_t *ws,
    size_t *we)
{
	*ws = 0;
	*we = len;
	if (len <= WINDOW_MAX)
		return;
	if (start > WINDOW_BEFORE)
		*ws = start - WINDOW_BEFORE;
	while (*ws > 0 && ((unsigned char)text[*ws] & 0xc0) == 0x80)
		(*ws)--;
	*we = *ws + WINDOW_MAX;
	if (*we < end)
		*we = end;
	if (*we > len)
		*we = len;
	while (*we < len && ((unsigned char)text[*we] & 0xc0) == 0x80)
		(*we)++;
}

/*
 * The source line with tabs expanded, and under it the underline: a caret
 * at the span's first character and tildes to its end (or the end of the
 * line when the span goes on).  Columns count characters as shown.
 */
static void
excerpt(struct strbuf *sb, const struct finding *f, const struct rpt_pos *p,
    int color)
{
	struct strbuf ul = STRBUF_INIT;
	const char *text;
	size_t len, i, n, start, end, ws, we;
	unsigned vcol = 0, w, k;
	int in, caret = 0;

	text = src_line(f->span.src, p->line, &len);
	start = p->col - 1;
	end = p->end_line == p->line ? p->end_col - 1 : len;
	if (end > len)
		end = len;
	window(text, len, start, end, &ws, &we);
	sb_addf(sb, "%5u | ", p->line);
	if (ws > 0) {
		sb_adds(sb, "...");
		sb_adds(&ul, "   ");
	}
	for (i = ws; i < we || i <= start; i += n) {
		if (i >= we) {
			w = 1; /* the span starts at the end of the line */
			n = 1;
		} else if (text[i] == '\t') {
			w = TABSTOP - vcol % TABSTOP;
			sb_add(sb, "        ", w);
			n = 1;
		} else {
			w = 1;
			n = put_char(sb, text + i, we - i);
		}
		/* The character holding the span's first byte gets the caret. */
		in = i + n > start && (i < end || !caret);
		for (k = 0; k < w; k++)
			sb_addch(&ul, in ? (caret++ ? '~' : '^') : ' ');
		vcol += w;
	}
	if (we < len)
		sb_adds(sb, "...");
	while (ul.len > 0 && ul.buf[ul.len - 1] == ' ')
		ul.len--;
	ul.buf[ul.len] = '\0';
	sb_addf(sb, "\n      | %s%s%s\n", color ? sev_color[f->severity] : "",
	    sb_str(&ul), color ? C_RESET : "");
	sb_release(&ul);
}

static void
one(struct strbuf *sb, const struct finding *f, int color)
{
	const char *bold = color ? C_BOLD : "", *reset = color ? C_RESET : "";
	struct rpt_pos p;
	int loc = rpt_pos(&f->span, &p) == 0 && f->span.src->len > 0;

	sb_adds(sb, bold);
	if (f->span.src == NULL)
		sb_adds(sb, "gunilint");
	else
		add_clean(sb, f->span.src->name);
	if (loc)
		sb_addf(sb, ":%u:%u", p.line, p.col);
	sb_addf(sb, ":%s %s%s%s[%s %s]: ", reset,
	    color ? sev_color[f->severity] : "", rpt_sev_word(f->severity), reset,
	    f->rule, f->slug);
	add_clean(sb, fnd_message(f));
	sb_addch(sb, '\n');
	if (loc)
		excerpt(sb, f, &p, color);
	if (f->help != NULL) {
		sb_addf(sb, "  %s%s%s ", bold, _("help:"), reset);
		add_clean(sb, fnd_help(f));
		sb_addch(sb, '\n');
	}
}

/* "N findings (N errors, N warnings, N info) in N files": counts with
 * their nouns in one message each, so a language can order them. */
static void
summary(struct strbuf *sb, const struct report *r)
{
	struct rpt_counts c;
	/* TRANSLATORS: opens the counts by severity after "N findings". */
	const char *sep = _(" (");
	size_t i, n;
	struct {
		enum severity sev;
		const char *one, *many;
	} const by[] = {
		{ SEV_ERROR, NP_("%zu error", "%zu errors") },
		{ SEV_WARNING, NP_("%zu warning", "%zu warnings") },
		{ SEV_INFO, NP_("%zu info", "%zu info") },
	};

	rpt_count(r->findings, &c);
	if (c.total == 0)
		sb_adds(sb, _("no findings"));
	else
		sb_addf(sb, gl_ngettext("%zu finding", "%zu findings", c.total),
		    c.total);
	for (i = 0; i < 3 && c.total > 0; i++) {
		if ((n = c.by_sev[by[i].sev]) == 0)
			continue;
		sb_adds(sb, sep);
		sb_addf(sb, gl_ngettext(by[i].one, by[i].many, n), n);
		/* TRANSLATORS: between two counts by severity. */
		sep = _(", ");
	}
	if (c.total > 0)
		/* TRANSLATORS: closes the counts by severity. */
		sb_adds(sb, _(")"));
	sb_addf(sb, gl_ngettext(" in %zu file", " in %zu files", r->nfiles),
	    r->nfiles);
	if (c.suppressed)
		sb_addf(sb, _(", %zu suppressed"), c.suppressed);
	sb_addch(sb, '\n');
}

int
rpt_text(FILE *fp, const struct report *r)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < r->findings->n; i++)
		if (!r->findings->v[i].suppressed)
			one(&sb, &r->findings->v[i], r->color);
	summary(&sb, r);
	rc = fwrite(sb.buf, 1, sb.len, fp) == sb.len ? 0 : -1;
	sb_release(&sb);
	return rc;
}
