/*
 * dockerfile.c: the Dockerfile lexer and instruction parser.  It follows
 * Docker's parser (moby/buildkit frontend/dockerfile/parser): directives in
 * the leading comment run, continuation with the active escape character,
 * comment and blank lines inside continuations skipped, heredocs read after
 * their instruction, JSON exec form falling back to shell form.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dockerfile_int.h"

static const char *const kw_names[] = {
	"", "FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV",
	"ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG",
	"ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL",
};

const char *
df_kw_name(enum df_kw kw)
{
	return (size_t)kw < sizeof(kw_names) / sizeof(kw_names[0]) ?
	    kw_names[kw] : "";
}

static enum df_kw
kw_lookup(const char *s, size_t n)
{
	size_t k;

	for (k = 1; k < sizeof(kw_names) / sizeof(kw_names[0]); k++)
		if (strlen(kw_names[k]) == n && strncasecmp(kw_names[k], s, n) == 0)
			return (enum df_kw)k;
	return DF_UNKNOWN;
}

/* A physical line: [b, e) without the newline and a trailing CR. */
struct pline {
	size_t b, e, next;
};

static int
next_line(const struct source *src, size_t pos, struct pline *pl)
{
	const char *nl;

	if (pos >= src->len)
		return 0;
	pl->b = pos;
	nl = memchr(src->text + pos, '\n', src->len - pos);
	pl->e = nl ? (size_t)(nl - src->text) : src->len;
	pl->next = nl ? pl->e + 1 : src->len;
	if (pl->e > pl->b && src->text[pl->e - 1] == '\r')
		pl->e--;
	return 1;
}

static size_t
skip_blank(const char *t, size_t b, size_t e)
{
	while (b < e && (t[b] == ' ' || t[b] == '\t' || t[b] == '\v' ||
	    t[b] == '\f' || t[b] == '\r'))
		b++;
	return b;
}

/*
 * Parser directives: `# name = value` lines at the very top.  The first
 * line that is not a known directive ends the run, as in Docker.
 */
static size_t
parse_directives(struct df_file *df, size_t pos, struct findings *fs)
{
	const struct source *src = df->src;
	const char *t = src->text;
	int seen_escape = 0, seen_syntax = 0;
	struct pline pl;

	while (next_line(src, pos, &pl)) {
		size_t i = skip_blank(t, pl.b, pl.e), nb, ne, vb, ve;
		int *seen;

		if (i >= pl.e || t[i] != '#')
			break;
		i = skip_blank(t, i + 1, pl.e);
		nb = i;
		if (i >= pl.e || !isalpha((unsigned char)t[i]))
			break;
		while (i < pl.e && isalnum((unsigned char)t[i]))
			i++;
		ne = i;
		i = skip_blank(t, i, pl.e);
		if (i >= pl.e || t[i] != '=')
			break;
		vb = skip_blank(t, i + 1, pl.e);
		ve = pl.e;
		while (ve > vb && (t[ve - 1] == ' ' || t[ve - 1] == '\t'))
			ve--;
		if (ve == vb)
			break;
		if (ne - nb == 6 && strncasecmp(t + nb, "escape", 6) == 0)
			seen = &seen_escape;
		else if (ne - nb == 6 && strncasecmp(t + nb, "syntax", 6) == 0)
			seen = &seen_syntax;
		else if (ne - nb == 5 && strncasecmp(t + nb, "check", 5) == 0)
			seen = NULL;
		else
			break;
		if (seen != NULL && (*seen)++) {
			fnd_add(fs, "GL001", span_make(src, pl.b, pl.e - pl.b),
			    "only one %.*s parser directive can be used",
			    (int)(ne - nb), t + nb);
		} else if (seen == &seen_escape) {
			if (ve - vb != 1 || (t[vb] != '\\' && t[vb] != '`'))
				fnd_add(fs, "GL001", span_make(src, vb, ve - vb),
				    "invalid escape token '%.*s': it must be "
				    "'\\' or '`'", (int)(ve - vb), t + vb);
			else
				df->escape = t[vb];
		} else if (seen == &seen_syntax)
			df->syntax = arena_strndup(df->arena, t + vb, ve - vb);
		pos = pl.next;
	}
	return pos;
}

/* A continuation: the escape character and blanks at the end of the line. */
static int
trim_continuation(const struct source *src, char esc, size_t b, size_t *e)
{
	size_t i = *e;

	while (i > b && (src->text[i - 1] == ' ' || src->text[i - 1] == '\t'))
		i--;
	/* an escaped escape character ("\\\\") does not continue the line */
	if (i > b && src->text[i - 1] == esc &&
	    (i - 1 == b || src->text[i - 2] != esc)) {
		*e = i - 1;
		return 1;
	}
	return 0;
}

static int
is_comment_line(const struct source *src, const struct pline *pl)
{
	size_t i = skip_blank(src->text, pl->b, pl->e);

	return i < pl->e && src->text[i] == '#';
}

/* Joins one logical line starting at pl; returns the offset after it. */
static size_t
join_logical(struct df_file *df, struct pline pl, struct df_str *out,
    size_t *end)
{
	const struct source *src = df->src;
	struct df_sbuf b = DSB_INIT;
	size_t e = pl.e, b0 = skip_blank(src->text, pl.b, pl.e), pos;
	int cont = trim_continuation(src, df->escape, b0, &e);

	*end = pl.e;
	for (size_t i = b0; i < e; i++)
		dsb_addc(&b, src->text[i], i);
	pos = pl.next;
	while (cont && next_line(src, pos, &pl)) {
		pos = pl.next;
		if (is_comment_line(src, &pl) ||
		    skip_blank(src->text, pl.b, pl.e) == pl.e)
			continue;
		e = pl.e;
		cont = trim_continuation(src, df->escape, pl.b, &e);
		for (size_t i = pl.b; i < e; i++)
			dsb_addc(&b, src->text[i], i);
		*end = pl.e;
	}
	*out = dsb_finish(df->arena, &b, b.sb.len ? dsb_off(&b, b.sb.len - 1) + 1 :
	    b0, src);
	dsb_release(&b);
	return pos;
}

/* ---- heredocs ---- */

/* `<<EOF`, `<<-EOF`, `<<"EOF"`, `3<<'EOF'`: Docker's heredoc word pattern. */
static int
heredoc_word(struct df_file *df, const struct df_str *w, struct df_heredoc *h)
{
	size_t i = strspn(w->s, "0123456789");
	struct df_str name;

	if (strncmp(w->s + i, "<<", 2) != 0)
		return 0;
	i += 2;
	h->chomp = w->s[i] == '-';
	i += (size_t)h->chomp;
	if (w->s[i] == '\0' || strchr(w->s + i, '<') != NULL)
		return 0;
	h->quoted = strpbrk(w->s + i, "'\"") != NULL;
	{
		struct df_str raw = df_str_sub(df->arena, w, i, w->len);

		if (df_process_word(df->arena, &raw, NULL, df->escape, 0, &name,
		    NULL, NULL) < 0 || name.len == 0)
			return 0;
	}
	h->name = name.s;
	return 1;
}

static size_t
read_heredocs(struct df_file *df, struct df_instr *in, size_t pos,
    struct findings *fs)
{
	const struct source *src = df->src;
	VEC(struct df_heredoc) v = { 0 };
	struct df_str *words;
	size_t nw, k;

	nw = df_split_words(df->arena, &in->args, df->escape, &words);
	for (k = 0; k < nw; k++) {
		struct df_heredoc h = { 0 };
		struct df_sbuf b = DSB_INIT;
		struct pline pl;
		int done = 0;

		if (!heredoc_word(df, &words[k], &h))
			continue;
		while (next_line(src, pos, &pl)) {
			size_t s = pl.b;

			pos = pl.next;
			if (h.chomp)
				while (s < pl.e && src->text[s] == '\t')
					s++;
			if (pl.e - s == strlen(h.name) &&
			    memcmp(src->text + s, h.name, pl.e - s) == 0) {
				done = 1;
				break;
			}
			for (; s < pl.next; s++)
				if (src->text[s] != '\r' || s + 1 != pl.next - 1)
					dsb_addc(&b, src->text[s], s);
		}
		h.body = dsb_finish(df->arena, &b, pos, src);
		dsb_release(&b);
		if (!done)
			fnd_add(fs, "GL001", words[k].span,
			    "unterminated heredoc: no line '%s' follows", h.name);
		VEC_PUSH(&v, h);
		in->span = span_join(in->span, span_make(src, pos, 0));
	}
	in->heredocs = arena_alloc(df->arena, (v.n + 1) * sizeof(*v.v));
	if (v.n)
		memcpy(in->heredocs, v.v, v.n * sizeof(*v.v));
	in->nheredocs = v.n;
	free(v.v);
	return pos;
}

/* ---- one instruction ---- */

/* Leading --name[=value] words, as Docker's extractBuilderFlags. */
static size_t
parse_flags(struct df_file *df, struct df_instr *in, const struct df_str *rest)
{
	VEC(struct df_flag) v = { 0 };
	struct df_str *w;
	size_t nw, k, used = 0;

	/* only the leading flag words: the rest may be megabytes of RUN */
	nw = df_split_flag_words(df->arena, rest, df->escape, &w);
	for (k = 0; k < nw; k++) {
		struct df_flag f;
		const char *eq;
		size_t nl;

		if (strncmp(w[k].s, "--", 2) != 0 || w[k].len == 2)
			break;
		eq = strchr(w[k].s, '=');
		nl = eq ? (size_t)(eq - w[k].s) - 2 : w[k].len - 2;
		f.name = arena_strndup(df->arena, w[k].s + 2, nl);
		f.value = df_str_sub(df->arena, &w[k], eq ? nl + 3 : w[k].len,
		    w[k].len);
		f.span = w[k].span;
		VEC_PUSH(&v, f);
	}
	/* the arguments start after the last flag word (offsets ascend) */
	if (k > 0)
		for (used = 0; used < rest->len &&
		    df_str_off(rest, used) <= df_str_off(&w[k - 1], w[k - 1].len - 1);
		    used++)
			;
	in->flags = NULL;
	if (v.n) {
		in->flags = arena_alloc(df->arena, v.n * sizeof(*v.v));
		memcpy(in->flags, v.v, v.n * sizeof(*v.v));
	}
	in->nflags = v.n;
	free(v.v);
	return used;
}

static struct df_str
trim_str(struct arena *a, const struct df_str *s, size_t from)
{
	size_t b = from, e = s->len;
	struct df_str r;

	while (b < e && isspace((unsigned char)s->s[b]))
		b++;
	while (e > b && isspace((unsigned char)s->s[e - 1]))
		e--;
	if (e < s->len)
		return df_str_sub(a, s, b, e);
	/*
	 * A tail needs no copy: it is NUL-terminated where s is, and the
	 * arena keeps both.  Copies of a long line cost 9 bytes a byte.
	 */
	r.s = s->s + b;
	r.len = e - b;
	r.offmap = s->offmap ? s->offmap + b : NULL;
	r.span = df_str_span(s, b, e);
	return r;
}

static int
takes_json(enum df_kw kw)
{
	return kw == DF_RUN || kw == DF_CMD || kw == DF_ENTRYPOINT ||
	    kw == DF_SHELL || kw == DF_COPY || kw == DF_ADD || kw == DF_VOLUME;
}

/* Docker splits these at blanks only, quotes or not. */
static int
blank_separated(enum df_kw kw)
{
	return kw == DF_FROM || kw == DF_EXPOSE || kw == DF_COPY ||
	    kw == DF_ADD || kw == DF_VOLUME;
}

/* Fills words: JSON elements or blank-separated words. */
static void
parse_args(struct df_file *df, struct df_instr *in, struct findings *fs)
{
	int r = 1;

	if (takes_json(in->kw))
		r = df_json_strings(df->arena, &in->args, &in->words,
		    &in->nwords);
	if (r == 0) {
		in->json = 1;
		return;
	}
	if (r < 0)
		fnd_add(fs, "GL001", in->args.span, "%s: the JSON array must "
		    "hold only strings", df_kw_name(in->kw));
	else if (in->kw == DF_SHELL)
		fnd_add(fs, "GL001", in->args.span, "SHELL requires the "
		    "arguments to be in JSON form");
	/*
	 * A shell-form RUN is read as shell from args: words would copy it.
	 * LABEL is split when it is checked, and its words are not kept.
	 */
	if (in->kw == DF_RUN || in->kw == DF_LABEL)
		return;
	if (blank_separated(in->kw))
		in->nwords = df_split_blank(df->arena, &in->args, &in->words);
	else
		in->nwords = df_split_words(df->arena, &in->args, df->escape,
		    &in->words);
}

static int
can_heredoc(enum df_kw kw)
{
	return kw == DF_RUN || kw == DF_COPY || kw == DF_ADD;
}

/* Parses the text of a logical line into in; ONBUILD recurses once. */
static int
parse_instr(struct df_file *df, const struct df_str *line, struct df_instr *in,
    struct findings *fs, int depth)
{
	size_t i = 0, kb, used;
	struct df_str rest;

	while (i < line->len && isspace((unsigned char)line->s[i]))
		i++;
	kb = i;
	while (i < line->len && !isspace((unsigned char)line->s[i]))
		i++;
	in->keyword = arena_strndup(df->arena, line->s + kb, i - kb);
	in->kw = kw_lookup(line->s + kb, i - kb);
	in->span = df_str_span(line, kb, line->len);
	if (in->kw == DF_UNKNOWN) {
		fnd_add(fs, "GL001", df_str_span(line, kb, i),
		    "unknown instruction: %s", in->keyword);
		return -1;
	}
	rest = trim_str(df->arena, line, i);
	used = parse_flags(df, in, &rest);
	in->args = trim_str(df->arena, &rest, used);
	if (in->kw == DF_ONBUILD && depth == 0) {
		in->sub = arena_alloc(df->arena, sizeof(*in->sub));
		if (in->args.len == 0)
			fnd_add(fs, "GL001", in->span, "ONBUILD requires at "
			    "least one argument");
		else
			parse_instr(df, &in->args, in->sub, fs, 1);
		return 0;
	}
	if (in->kw == DF_ONBUILD)
		fnd_add(fs, "GL001", in->span, "ONBUILD cannot hold ONBUILD");
	parse_args(df, in, fs);
	return 0;
}

static void
parse_body(struct df_file *df, size_t pos, struct findings *fs)
{
	const struct source *src = df->src;
	struct pline pl;

	while (next_line(src, pos, &pl)) {
		struct df_instr in;
		struct df_str line;
		size_t end;

		if (is_comment_line(src, &pl) ||
		    skip_blank(src->text, pl.b, pl.e) == pl.e) {
			pos = pl.next;
			continue;
		}
		memset(&in, 0, sizeof(in));
		pos = join_logical(df, pl, &line, &end);
		if (line.len == 0)
			continue;
		if (parse_instr(df, &line, &in, fs, 0) < 0)
			continue;
		in.span = span_join(in.span, span_make(src, end, 0));
		/* heredocs: RUN/COPY/ADD in shell form, also under ONBUILD */
		if (can_heredoc(in.kw) && !in.json && strstr(in.args.s, "<<"))
			pos = read_heredocs(df, &in, pos, fs);
		else if (in.kw == DF_ONBUILD && in.sub != NULL &&
		    can_heredoc(in.sub->kw) && !in.sub->json &&
		    strstr(in.sub->args.s ? in.sub->args.s : "", "<<"))
			pos = read_heredocs(df, in.sub, pos, fs);
		VEC_PUSH(&df->instrs, in);
	}
}

int
df_parse(const struct source *src, const struct df_opts *opts,
    struct df_file **out, struct findings *fs)
{
	struct df_file *df = xcalloc(1, sizeof(*df));
	size_t pos = 0;

	df->src = src;
	df->arena = arena_new();
	df->escape = '\\';
	if (opts != NULL)
		df->opts = *opts;
	*out = df;
	if (src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	pos = parse_directives(df, pos, fs);
	parse_body(df, pos, fs);
	df_context_init(df);
	if (df->instrs.n == 0)
		fnd_add(fs, "GL001", span_make(src, src->len, 0),
		    "file with no instructions");
	df_eval(df, fs);
	return df->stages.n ? 0 : -1;
}

const struct df_image *
df_final_image(const struct df_file *df)
{
	return df ? df->image : NULL;
}

void
df_free(struct df_file *df)
{
	size_t i;

	if (df == NULL)
		return;
	for (i = 0; i < df->stages.n; i++)
		df_image_release(df->stages.v[i].image);
	free(df->stages.v);
	free(df->instrs.v);
	free(df->global_args.v);
	arena_free(df->arena);
	free(df);
}

const char *
df_launch_kind_name(enum df_launch_kind k)
{
	static const char *const n[] = { "none", "gunicorn", "uvicorn",
	    "unknown", "other" };

	return (size_t)k < sizeof(n) / sizeof(n[0]) ? n[k] : "?";
}
