/*
 * dockerfile_launch.c: finds how the image starts gunicorn.  ENTRYPOINT and
 * CMD are combined as Docker does; the resulting argv is followed through
 * shells (sh -c), init wrappers (tini, gosu, env) and entry scripts copied
 * from the build context, down to the gunicorn (or uvicorn) command.  What
 * cannot be followed is reported as unknown with the reason, never guessed.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "dockerfile_int.h"

#define MAX_DEPTH 4

const char *
df_basename(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

int
df_is_shell_name(const char *prog)
{
	static const char *const shells[] = { "sh", "bash", "dash", "ash",
	    "zsh", "ksh", "busybox" };
	const char *b = df_basename(prog);
	size_t i;

	for (i = 0; i < sizeof(shells) / sizeof(shells[0]); i++)
		if (strcmp(b, shells[i]) == 0)
			return 1;
	return 0;
}

/* ---- files of the build context ---- */

/* How many COPY/ADD sources of the file exist under dir. */
static unsigned
ctx_hits(struct df_file *df, const char *dir)
{
	unsigned hits = 0;
	size_t i, k, f;

	for (i = 0; i < df->instrs.n; i++) {
		const struct df_instr *in = &df->instrs.v[i];
		int from = 0;

		if (in->kw != DF_COPY && in->kw != DF_ADD)
			continue;
		for (f = 0; f < in->nflags; f++)
			from |= strcmp(in->flags[f].name, "from") == 0;
		for (k = 0; !from && k + 1 < in->nwords; k++) {
			const char *s = in->words[k].s;

			if (strncmp(s, "<<", 2) == 0 || strstr(s, "://") != NULL ||
			    strpbrk(s, "$*?[") != NULL || strcmp(s, ".") == 0)
				continue;
			hits += access(df_aprintf(df->arena, "%s/%s", dir, s),
			    F_OK) == 0;
		}
	}
	return hits;
}

/*
 * The build context: the option, else the Dockerfile's directory, or its
 * parent when that is where the COPY sources are (docker/Dockerfile built
 * with `docker build -f docker/Dockerfile .`).
 */
void
df_context_init(struct df_file *df)
{
	const char *slash;
	char *dir, *parent;

	if (df->opts.no_context)
		return;
	if (df->opts.context_dir != NULL) {
		df->context_dir = arena_strdup(df->arena, df->opts.context_dir);
		return;
	}
	if ((slash = strrchr(df->src->name, '/')) != NULL)
		dir = arena_strndup(df->arena, df->src->name,
		    (size_t)(slash - df->src->name));
	else
		dir = arena_strdup(df->arena, ".");
	parent = df_aprintf(df->arena, "%s/..", dir);
	df->context_dir = ctx_hits(df, parent) > ctx_hits(df, dir) ? parent : dir;
}

static const char *
ctx_dir(struct df_file *df)
{
	return df->context_dir;
}

static char *
ctx_path(struct df_file *df, const char *rel)
{
	const char *dir = ctx_dir(df);

	if (dir == NULL)
		return NULL;
	while (rel[0] == '.' && rel[1] == '/')
		rel += 2;
	if (strcmp(rel, ".") == 0)
		rel = "";
	if (strcmp(dir, ".") == 0)
		return arena_strdup(df->arena, rel);
	return df_aprintf(df->arena, "%s/%s", dir, rel);
}

/* Removes a trailing '/' and "./" pieces so paths compare. */
static char *
norm_path(struct arena *a, const char *p)
{
	char *r = arena_strdup(a, p), *s;
	size_t n;

	while ((s = strstr(r, "/./")) != NULL)
		memmove(s, s + 2, strlen(s + 2) + 1);
	while ((s = strstr(r, "//")) != NULL)
		memmove(s, s + 1, strlen(s + 1) + 1);
	n = strlen(r);
	if (n > 2 && strcmp(r + n - 2, "/.") == 0)
		r[n -= 2] = '\0';
	while (n > 1 && r[n - 1] == '/')
		r[--n] = '\0';
	return r;
}

char *
df_local_for(struct df_file *df, const struct df_image *im,
    const char *abs_path, const struct df_copy **via)
{
	char *want = norm_path(df->arena, abs_path);
	size_t i, k, dl;

	*via = NULL;
	for (i = im->copies.n; i-- > 0;) {
		const struct df_copy *c = &im->copies.v[i];
		char *dest = norm_path(df->arena, c->abs_dest);
		int dir_dest = c->nsrcs > 1 || c->dest.len == 0 ||
		    c->dest.s[c->dest.len - 1] == '/';

		if (c->from != NULL || strstr(c->abs_dest, "$") != NULL)
			continue;
		dl = strlen(dest);
		for (k = 0; k < c->nsrcs; k++) {
			const char *s = c->srcs[k].s;
			char *local = NULL;

			if (strncmp(s, "<<", 2) == 0) {
				if (strcmp(dest, want) == 0 || (dir_dest &&
				    strcmp(df_aprintf(df->arena, "%s/%s",
				    dest, c->heredoc ? c->heredoc->name : ""),
				    want) == 0)) {
					*via = c;
					return NULL;
				}
				continue;
			}
			if (strstr(s, "://") != NULL || strpbrk(s, "*?[") != NULL)
				continue;
			if (!dir_dest && strcmp(dest, want) == 0)
				local = ctx_path(df, s);
			else if (strcmp(dest, "/") == 0 || (strncmp(want, dest,
			    dl) == 0 && want[dl] == '/')) {
				const char *rest = want + (strcmp(dest, "/") ? dl + 1 : 1);
				const char *b = df_basename(s);

				/* a file copied into a directory, or a directory's content */
				if (strcmp(rest, b) == 0)
					local = ctx_path(df, s);
				if (local == NULL || access(local, R_OK) != 0)
					local = ctx_path(df, df_aprintf(df->arena,
					    "%s/%s", s, rest));
			}
			if (local != NULL && ctx_dir(df) != NULL &&
			    access(local, R_OK) == 0) {
				*via = c;
				return local;
			}
		}
	}
	return NULL;
}

/* ---- following the argv ---- */

struct lctx {
	struct df_file *df;
	struct df_image *im;
	struct df_launch *L;
	int depth;
	const char *run_user;
	int args_changed;       /* the script ran `set --` or `shift` */
	VEC(struct df_word) exports; /* export NAME=value seen so far */
	int bash_c;             /* the text being followed is a bash -c string */
	int exec_last;          /* ...and bash replaces itself with its one command */
};

static int
is_python(const char *p)
{
	const char *b = df_basename(p);

	return strncmp(b, "python", 6) == 0 && strspn(b + 6, "0123456789.") ==
	    strlen(b + 6);
}

/*
 * Programs that run the rest of their argv as the real command; skip says
 * how many words they take themselves, -1 for "options and NAME=VALUE".
 */
static const struct {
	const char *name;
	int skip;
} wrappers[] = {
	{ "tini", -1 }, { "dumb-init", -1 }, { "env", -1 }, { "nice", -1 },
	{ "gosu", 2 }, { "su-exec", 2 }, { "chpst", -1 }, { "catatonit", -1 },
	{ "newrelic-admin", 2 }, { "ddtrace-run", 1 }, { "opentelemetry-instrument", -1 },
	{ "poetry", 2 }, { "pipenv", 2 }, { "uv", 2 }, { "pdm", 2 }, { "hatch", 2 },
};

static size_t
skip_wrapper(const struct df_word *w, size_t n, size_t i)
{
	size_t k;

	for (k = 0; k < sizeof(wrappers) / sizeof(wrappers[0]); k++) {
		if (strcmp(df_basename(w[i].s), wrappers[k].name) != 0)
			continue;
		if (wrappers[k].skip > 0) {
			/* "poetry run": only when the second word is run */
			if (wrappers[k].skip == 2 && k >= 9 &&
			    (i + 1 >= n || strcmp(w[i + 1].s, "run") != 0))
				return i;
			i += (size_t)wrappers[k].skip;
			while (k >= 9 && i < n && w[i].s[0] == '-')
				i++;
			return i;
		}
		for (i++; i < n && (w[i].s[0] == '-' ||
		    (strchr(w[i].s, '=') != NULL && w[i].s[0] != '=')); i++)
			if (strcmp(w[i].s, "--") == 0) {
				i++;
				break;
			}
		return i;
	}
	return i;
}

static void
set_launch(struct lctx *c, enum df_launch_kind kind, const struct df_word *w,
    size_t n, size_t prog, size_t args, enum df_exec ex, struct span at)
{
	struct df_launch *L = c->L;

	L->kind = kind;
	L->prog = w[prog];
	L->argc = n - args;
	L->argv = arena_alloc(c->df->arena, (L->argc + 1) * sizeof(*L->argv));
	if (L->argc)
		memcpy(L->argv, w + args, L->argc * sizeof(*L->argv));
	L->exec = ex;
	L->span = at;
	L->script = at.src != c->df->src ? at.src : NULL;
	L->why = NULL;
}

static void
set_unknown(struct lctx *c, const struct df_word *w, struct span at,
    const char *why)
{
	c->L->kind = DF_LAUNCH_UNKNOWN;
	if (w != NULL)
		c->L->prog = *w;
	c->L->span = at;
	c->L->why = why;
}

static int follow_argv(struct lctx *c, const struct df_word *w, size_t n,
    enum df_exec ex, struct span at);

/* python [opts] -m gunicorn|uvicorn ... */
static int
follow_python(struct lctx *c, const struct df_word *w, size_t n, size_t i,
    enum df_exec ex, struct span at)
{
	size_t j;

	for (j = i + 1; j < n && w[j].s[0] == '-'; j++) {
		if (strcmp(w[j].s, "-m") == 0 && j + 1 < n) {
			const char *m = w[j + 1].s;

			if (strcmp(m, "gunicorn") == 0 || strcmp(m, "uvicorn") == 0) {
				set_launch(c, m[0] == 'g' ? DF_LAUNCH_GUNICORN :
				    DF_LAUNCH_UVICORN, w, n, i, j + 2, ex, at);
				return 1;
			}
			break;
		}
		if (strcmp(w[j].s, "-W") == 0 || strcmp(w[j].s, "-X") == 0)
			j++;
		else if (strcmp(w[j].s, "-c") == 0)
			break;
	}
	set_launch(c, DF_LAUNCH_OTHER, w, n, i, i + 1, ex, at);
	return 0;
}

static int follow_script_text(struct lctx *c, const struct df_str *text,
    const struct df_word *pos, size_t npos, enum df_exec ex, int file);

static int
is_script_name(const char *p)
{
	size_t n = strlen(p);

	return (n > 3 && strcmp(p + n - 3, ".sh") == 0) ||
	    (n > 5 && strcmp(p + n - 5, ".bash") == 0);
}

/* An entry script from the build context (or a COPY heredoc). */
static int
follow_script_file(struct lctx *c, const struct df_word *w, size_t n,
    size_t i, enum df_exec ex, struct span at)
{
	const char *p = w[i].s;
	const struct df_copy *via;
	char *abs, *local;
	struct source *s;
	struct df_str text;

	static const char *const path_dirs[] = { "/usr/local/sbin",
	    "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin" };
	size_t k;

	local = NULL;
	via = NULL;
	if (p[0] == '/') {
		abs = arena_strdup(c->df->arena, p);
		local = df_local_for(c->df, c->im, abs, &via);
	} else if (strchr(p, '/') != NULL) {
		abs = df_aprintf(c->df->arena, "%s/%s", c->im->workdir.len ?
		    c->im->workdir.s : "", p);
		local = df_local_for(c->df, c->im, abs, &via);
	} else {
		/* a bare name is found through PATH, as execvp does */
		for (k = 0; local == NULL && via == NULL &&
		    k < sizeof(path_dirs) / sizeof(path_dirs[0]); k++) {
			abs = df_aprintf(c->df->arena, "%s/%s", path_dirs[k], p);
			local = df_local_for(c->df, c->im, abs, &via);
		}
	}
	if (via != NULL && via->heredoc != NULL && local == NULL) {
		text = via->heredoc->body;
	} else if (local != NULL && (s = src_read_file(local, local)) != NULL) {
		text = df_str_from_src(c->df->arena, s, 0, s->len);
	} else {
		/* a script we cannot read; a bare program name is just a program */
		if (is_script_name(p) || strchr(p, '/') != NULL) {
			set_unknown(c, &w[i], at, c->df->opts.no_context ?
			    "the entry script is not read (no build context)" :
			    "the program is not a file copied from the build "
			    "context, so what it starts cannot be read");
			return -1;
		}
		return 0;
	}
	(void)at;
	return follow_script_text(c, &text, w + i, n - i, ex, 1) >= 0 ? 1 : -1;
}

static int
follow_argv(struct lctx *c, const struct df_word *w, size_t n, enum df_exec ex,
    struct span at)
{
	size_t i = 0, j;
	const char *b;

	if (c->depth > MAX_DEPTH) {
		set_unknown(c, NULL, at, "the launch nests too deep to follow");
		return -1;
	}
	while (i < n) {
		j = skip_wrapper(w, n, i);
		if (j == i)
			break;
		if ((strcmp(df_basename(w[i].s), "gosu") == 0 ||
		    strcmp(df_basename(w[i].s), "su-exec") == 0) && i + 1 < n)
			c->run_user = w[i + 1].s;
		i = j;
	}
	if (i >= n)
		return 0;
	b = df_basename(w[i].s);
	if (strcmp(b, "gunicorn") == 0 || strcmp(b, "uvicorn") == 0) {
		set_launch(c, b[0] == 'g' ? DF_LAUNCH_GUNICORN : DF_LAUNCH_UVICORN,
		    w, n, i, i + 1, ex, at);
		return 1;
	}
	if (is_python(w[i].s))
		return follow_python(c, w, n, i, ex, at);
	if (df_is_shell_name(w[i].s)) {
		for (j = i + 1; j < n && w[j].s[0] == '-'; j++)
			if (w[j].s[1] != '-' && strchr(w[j].s, 'c') != NULL &&
			    j + 1 < n) {
				struct df_str t = { w[j + 1].s, w[j + 1].len,
				    w[j + 1].offmap, w[j + 1].span };

				int r, saved = c->bash_c;

				c->bash_c = strcmp(df_basename(w[i].s), "bash") == 0;
				r = follow_script_text(c, &t, w + j + 2,
				    n - j - 2, ex, 0);
				c->bash_c = saved;
				return r;
			}
		if (j < n)
			return follow_script_file(c, w, n, j, ex, at);
		/* an interactive shell: resolved, and not a server */
		set_launch(c, DF_LAUNCH_OTHER, w, n, i, j, ex, at);
		return 0;
	}
	if (strchr(w[i].s, '$') != NULL) {
		set_unknown(c, &w[i], at, "the program name is a variable");
		return -1;
	}
	{
		int r = follow_script_file(c, w, n, i, ex, at);

		if (r != 0)
			return r;
	}
	set_launch(c, DF_LAUNCH_OTHER, w, n, i, i + 1, ex, at);
	return 0;
}

static int
is_shell_keyword(const char *s)
{
	static const char *const kw[] = { "if", "then", "else", "elif", "do",
	    "while", "until", "!", "{", "time", "}" };
	size_t i;

	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (strcmp(s, kw[i]) == 0)
			return 1;
	return 0;
}

static int
is_assignment(const char *s)
{
	size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_");

	return n > 0 && s[n] == '=' && !isdigit((unsigned char)s[0]);
}

/* Collects the next simple command's words (no operators, no redirections). */
static size_t
next_command(const struct df_shword *sw, size_t nw, size_t *i,
    struct df_word *out, int *background)
{
	size_t n = 0;

	*background = 0;
	while (*i < nw && sw[*i].op != 1) {
		if (sw[*i].op == 2) {
			(*i)++;
			if (*i < nw && sw[*i].op == 0)
				(*i)++;
			continue;
		}
		out[n++] = sw[(*i)++].w;
	}
	if (*i < nw) {
		*background = strcmp(sw[*i].w.s, "&") == 0;
		(*i)++;
	}
	return n;
}

/* The positional parameters "$@" forwarded: an exec "$@" wrapper. */
static int
is_all_args(const struct df_word *w)
{
	return strcmp(w->s, "$@") == 0 || strcmp(w->s, "${@}") == 0 ||
	    strcmp(w->s, "$*") == 0;
}

/*
 * "$@" in the server's argv stands for the script's arguments (the CMD
 * words): put them in.  Other $ words stay as written and mark the argv
 * as inexact, since the shell computes them at run time.
 */
static void
splice_args(struct lctx *c, const struct df_word *pos, size_t npos)
{
	struct df_launch *L = c->L;
	struct df_word *v;
	size_t i, n = 0, extra = npos > 1 ? npos - 1 : 0;

	v = arena_alloc(c->df->arena, (L->argc * (extra + 1) + 1) * sizeof(*v));
	for (i = 0; i < L->argc; i++) {
		if (is_all_args(&L->argv[i])) {
			memcpy(v + n, pos + 1, extra * sizeof(*v));
			n += extra;
			L->argv_inexact |= c->args_changed;
		} else {
			if (strchr(L->argv[i].s, '$') != NULL ||
			    strchr(L->argv[i].s, '`') != NULL)
				L->argv_inexact = 1;
			v[n++] = L->argv[i];
		}
	}
	L->argv = v;
	L->argc = n;
}

static void
one_command(struct lctx *c, struct df_word *w, size_t n,
    const struct df_word *pos, size_t npos, enum df_exec ex, int file)
{
	size_t k = 0;
	int isexec = 0;
	struct span at;
	enum df_exec cex;

	while (k < n && (is_shell_keyword(w[k].s) || is_assignment(w[k].s)))
		k++;
	if (k < n && strcmp(w[k].s, "exec") == 0) {
		isexec = 1;
		for (k++; k < n && w[k].s[0] == '-'; k++)
			if (strcmp(w[k].s, "-a") == 0)
				k++;
	}
	if (k >= n)
		return;
	if (strcmp(w[k].s, "export") == 0) {
		size_t a;

		for (a = k + 1; a < n; a++)
			if (is_assignment(w[a].s))
				VEC_PUSH(&c->exports, w[a]);
		return;
	}
	if ((strcmp(w[k].s, "set") == 0 && k + 1 < n &&
	    strcmp(w[k + 1].s, "--") == 0) || strcmp(w[k].s, "shift") == 0) {
		c->args_changed = 1;
		return;
	}
	at = span_join(w[k].span, w[n - 1].span);
	if (c->exec_last)
		isexec = 1;
	cex = isexec ? ex : file ? DF_EXEC_SCRIPT : DF_EXEC_SHELL;
	if (is_all_args(&w[k])) {
		if (npos > 1)
			follow_argv(c, pos + 1, npos - 1, cex, pos[1].span);
		else
			set_unknown(c, &w[k], at, "the script runs its arguments, "
			    "and the image gives none");
		if (!isexec && c->L->kind != DF_LAUNCH_UNKNOWN) {
			c->L->wrapper = at;
			if (ex == DF_EXEC_PID1 && c->L->not_exec.src == NULL)
				c->L->not_exec = at;
		}
		return;
	}
	follow_argv(c, w + k, n - k, cex, at);
	if (c->L->kind == DF_LAUNCH_GUNICORN || c->L->kind == DF_LAUNCH_UVICORN)
		splice_args(c, pos, npos);
	if ((c->L->kind == DF_LAUNCH_GUNICORN || c->L->kind == DF_LAUNCH_UVICORN) &&
	    c->L->nassigns == 0) {
		size_t a, na = c->exports.n;

		/* exported earlier first, the command's own after (they win) */
		for (a = 0; a < k; a++)
			na += is_assignment(w[a].s);
		c->L->assigns = arena_alloc(c->df->arena, (na + 1) *
		    sizeof(*c->L->assigns));
		for (a = 0; a < c->exports.n; a++)
			c->L->assigns[c->L->nassigns++] = c->exports.v[a];
		for (a = 0; a < k; a++)
			if (is_assignment(w[a].s))
				c->L->assigns[c->L->nassigns++] = w[a];
	}
	if (!isexec && ex == DF_EXEC_PID1 && c->L->not_exec.src == NULL &&
	    (c->L->kind == DF_LAUNCH_GUNICORN || c->L->kind == DF_LAUNCH_UVICORN))
		c->L->not_exec = at;
}

/*
 * One simple command and nothing else (no list, pipe or redirection):
 * bash -c runs it with exec, as bash 5.2 was seen to do, while Debian's
 * dash 0.5.12 keeps the shell as the parent.
 */
static int
single_command(const struct df_shword *sw, size_t nw)
{
	size_t i, words = 0;

	for (i = 0; i < nw; i++) {
		if (sw[i].op == 2 || (sw[i].op == 1 && (strcmp(sw[i].w.s, "\n") != 0 ||
		    i + 1 < nw)))
			return 0;
		words += sw[i].op == 0;
	}
	return words > 0;
}

static int
follow_script_text(struct lctx *c, const struct df_str *text,
    const struct df_word *pos, size_t npos, enum df_exec ex, int file)
{
	struct df_shword *sw;
	struct df_word *w;
	struct df_launch best, saved = *c->L;
	size_t nw, i = 0, n;
	int found = 0, unknown = 0, bg;

	nw = df_sh_split(c->df->arena, text, text->span.src, &sw);
	w = arena_alloc(c->df->arena, (nw + 1) * sizeof(*w));
	memset(&best, 0, sizeof(best));
	c->exec_last = !file && c->bash_c && single_command(sw, nw);
	c->bash_c = 0; /* nested shells decide for themselves */
	c->depth++;
	while (i < nw) {
		n = next_command(sw, nw, &i, w, &bg);
		if (n == 0)
			continue;
		memset(c->L, 0, sizeof(*c->L));
		one_command(c, w, n, pos, npos, ex, file);
		if (bg && c->L->exec == DF_EXEC_PID1)
			c->L->exec = file ? DF_EXEC_SCRIPT : DF_EXEC_SHELL;
		if (c->L->kind == DF_LAUNCH_GUNICORN ||
		    c->L->kind == DF_LAUNCH_UVICORN) {
			best = *c->L;
			found = 1;
			w = arena_alloc(c->df->arena, (nw + 1) * sizeof(*w));
		} else if (c->L->kind == DF_LAUNCH_UNKNOWN && !found && !unknown) {
			best = *c->L;
			unknown = 1;
		}
	}
	c->depth--;
	if (found || unknown) {
		*c->L = best;
		return found ? 1 : -1;
	}
	*c->L = saved;
	c->L->kind = DF_LAUNCH_OTHER;
	c->L->prog = file && npos ? pos[0] : (struct df_word){ text->s,
	    text->len, text->offmap, text->span };
	c->L->span = text->span;
	return 0;
}

/* gunicorn reads ./gunicorn.conf.py from its working directory. */
static void
find_default_conf(struct df_file *df, struct df_image *im)
{
	const struct df_copy *via;
	char *want = df_aprintf(df->arena, "%s/gunicorn.conf.py",
	    im->workdir.len ? im->workdir.s : "");
	size_t i;

	if (df_local_for(df, im, want, &via) != NULL || via != NULL) {
		im->default_conf = via;
		return;
	}
	/* without the build context: judge by the names in COPY */
	want = norm_path(df->arena, want);
	for (i = 0; i < im->copies.n; i++) {
		const struct df_copy *c = &im->copies.v[i];
		const char *dest = norm_path(df->arena, c->abs_dest);
		size_t k;

		for (k = 0; k < c->nsrcs; k++) {
			const char *b = df_basename(c->srcs[k].s);

			if (strcmp(b, "gunicorn.conf.py") != 0)
				continue;
			if (strcmp(dest, want) == 0 || strcmp(norm_path(df->arena,
			    df_aprintf(df->arena, "%s/%s", dest, b)), want) == 0)
				im->default_conf = c;
		}
	}
}

void
df_resolve_launch(struct df_file *df, struct df_image *im)
{
	struct lctx c;
	const struct df_cmd *ep = &im->entrypoint, *cmd = &im->cmd;
	size_t k, n = 0;
	struct span at;

	memset(&c, 0, sizeof(c));
	c.df = df;
	c.im = im;
	c.L = &im->launch;
	find_default_conf(df, im);
	memset(&im->launch, 0, sizeof(im->launch));
	if (!ep->set && !cmd->set) {
		im->launch.kind = DF_LAUNCH_NONE;
		im->launch.why = im->inherits_launch ? "the base image's CMD "
		    "and ENTRYPOINT decide" : "the image has no CMD or ENTRYPOINT";
		return;
	}
	im->final_argv = arena_alloc(df->arena, (ep->argc + cmd->argc + 1) *
	    sizeof(*im->final_argv));
	for (k = 0; ep->set && k < ep->argc; k++)
		im->final_argv[n++] = df_word_of(&ep->argv[k]);
	for (k = 0; cmd->set && k < cmd->argc; k++)
		im->final_argv[n++] = df_word_of(&cmd->argv[k]);
	im->final_argc = n;
	at = ep->set ? ep->in->span : cmd->in->span;
	if (n == 0) {
		im->launch.kind = DF_LAUNCH_NONE;
		im->launch.why = "CMD and ENTRYPOINT are empty";
		return;
	}
	follow_argv(&c, im->final_argv, n, DF_EXEC_PID1, at);
	im->launch.run_user = c.run_user;
	free(c.exports.v);
	if (im->launch.kind == DF_LAUNCH_NONE) {
		im->launch.kind = DF_LAUNCH_UNKNOWN;
		im->launch.span = at;
		im->launch.why = "no program could be found in the command";
	}
}
