/*
 * from_dockerfile.c: a Dockerfile as a launch.  The final stage's ENV and the
 * words after gunicorn in its ENTRYPOINT/CMD (or entry script) go through
 * the launch model with their offset maps, so a finding inside
 * GUNICORN_CMD_ARGS points at its column in the Dockerfile; WORKDIR and
 * USER become gunicorn's start directory and the process's user.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model_int.h"

static size_t *
copy_offmap(const size_t *map, size_t len)
{
	size_t *out;

	if (map == NULL)
		return NULL;
	out = xmalloc((len + 1) * sizeof(*out));
	memcpy(out, map, (len + 1) * sizeof(*out));
	return out;
}

/*
 * An argv word's offsets written out: a sw_word without them falls back
 * to the word's span, where a front-end run (offmap NULL) means off + i.
 */
static size_t *
word_offmap(const struct df_word *d)
{
	size_t *out, i;

	if (d->offmap != NULL)
		return copy_offmap(d->offmap, d->len);
	out = xmalloc((d->len + 1) * sizeof(*out));
	for (i = 0; i <= d->len; i++)
		out[i] = d->span.off + i;
	return out;
}

static void
push_word(struct sw_words *w, const struct df_word *d)
{
	struct sw_word x;

	x.value = xstrndup(d->s, d->len);
	x.len = d->len;
	x.span = d->span;
	x.off = word_offmap(d);
	VEC_PUSH(w, x);
}

/* USER as a uid: 0 for root (or unset: Docker's default), -1 unknown. */
static long
user_uid(const struct df_image *im)
{
	const char *u = im->launch.run_user ? im->launch.run_user : im->user.s;
	char *end;
	long uid;

	if (u == NULL || strncmp(u, "root", 4) == 0)
		return 0;
	uid = strtol(u, &end, 10);
	if (end != u && (*end == '\0' || *end == ':'))
		return uid;
	return 1; /* a named user: not root */
}

/* Web frameworks whose apps are only ASGI (1) or only WSGI (0). */
static const struct {
	const char *pkg;
	const char *name;
	int asgi;
} frameworks[] = {
	{ "fastapi", "FastAPI", 1 },
	{ "starlette", "Starlette", 1 },
	{ "quart", "Quart", 1 },
	{ "litestar", "Litestar", 1 },
	{ "flask", "Flask", 0 },
	{ "bottle", "Bottle", 0 },
	{ "pyramid", "Pyramid", 0 },
};

/* What the installed packages say about the app's interface. */
static void
app_interface(const struct df_image *im, struct launch_where *w)
{
	size_t i, k;
	int seen[2] = { 0, 0 };

	for (i = 0; i < im->pkgs.n; i++)
		for (k = 0; k < sizeof(frameworks) / sizeof(*frameworks); k++)
			if (strcmp(im->pkgs.v[i].name, frameworks[k].pkg) == 0 &&
			    !seen[frameworks[k].asgi]++ && w->framework == NULL) {
				w->framework = frameworks[k].name;
				w->framework_span = im->pkgs.v[i].span;
				w->app_is_asgi = frameworks[k].asgi;
			}
	if (seen[0] && seen[1]) {
		/* Both kinds installed (Flask next to FastAPI): cannot tell. */
		w->app_is_asgi = -1;
		w->framework = NULL;
	}
}

/* The last COPY/ADD from the build context that puts files at this path. */
static const struct df_copy *
copy_of(const struct df_file *df, const char *path, size_t *destlen)
{
	const struct df_image *im = df_final_image(df);
	size_t i, n;

	for (i = im ? im->copies.n : 0; i-- > 0;) {
		const struct df_copy *c = &im->copies.v[i];

		if (c->abs_dest == NULL || c->nsrcs == 0 || c->heredoc != NULL)
			continue;
		n = strlen(c->abs_dest);
		/* "/app/", "/app/." and "/app" are the same directory */
		while (n > 1 && (c->abs_dest[n - 1] == '/' ||
		    (c->abs_dest[n - 1] == '.' && c->abs_dest[n - 2] == '/')))
			n--;
		if (strncmp(path, c->abs_dest, n) == 0 &&
		    (path[n] == '/' || path[n] == '\0')) {
			*destlen = n;
			return c;
		}
	}
	return NULL;
}

/*
 * The build-context file a COPY puts at `path`: the source itself when
 * the copy names the file, else the source directory plus the rest.
 */
char *
df_copy_local(const void *ctx, const char *path)
{
	const struct df_file *df = ctx;
	const struct df_copy *c;
	struct stat st;
	char *local;
	size_t i, n;

	if (df->context_dir == NULL || (c = copy_of(df, path, &n)) == NULL ||
	    c->from != NULL)
		return NULL;
	if (path[n] == '\0')
		return xasprintf("%s/%s", df->context_dir, c->srcs[0].s);
	/* COPY a.py b.py /app/: each named file lands as /app/NAME */
	for (i = 0; i < c->nsrcs; i++) {
		const char *s = c->srcs[i].s, *base = strrchr(s, '/');

		base = base != NULL ? base + 1 : s;
		if (*base != '\0' && strcmp(path + n + 1, base) == 0 &&
		    (local = xasprintf("%s/%s", df->context_dir, s)) != NULL) {
			if (stat(local, &st) == 0 && S_ISREG(st.st_mode))
				return local;
			free(local);
		}
	}
	return xasprintf("%s/%s%s", df->context_dir, c->srcs[0].s, path + n);
}

/* A COPY/ADD of the image that puts files at this path, described. */
const char *
df_copy_source(const void *ctx, const char *path)
{
	const struct df_file *df = ctx;
	const struct df_copy *c;
	unsigned line, col;
	size_t n;
	char *t;
	const char *r;

	if ((c = copy_of(df, path, &n)) != NULL) {
		src_position(c->span.src, c->span.off, &line, &col);
		t = xasprintf("the image's %s of '%s' (%s:%u)", c->add ? "ADD" :
		    "COPY", c->srcs[0].s, c->span.src->name, line);
		r = arena_strdup(df->arena, t);
		free(t);
		return r;
	}
	return NULL;
}

static void
one_image(struct gl_launches *out, const struct model_opts *o,
    const struct launch_base *base, const struct df_file *df,
    const struct df_image *im, const char *path)
{
	struct launch_base lo = *base;
	struct gl_launch *l;
	size_t i;

	lo.cwd = im->workdir.s ? im->workdir.s : "/";
	lo.uid = user_uid(im) < 0 ? 0 : user_uid(im);
	lo.cli_unknown = 0;
	lo.file = path;
	deps_choose(out, o, im, path, &lo);
	l = launch_begin(out, path, &lo);
	l->df = df;
	/* Known before the evaluation: the config file is found through it. */
	l->where.in_container = 1;
	l->where.run_uid = user_uid(im);
	l->where.file_source = df_copy_source;
	l->where.file_local = df_copy_local;
	l->where.file_source_ctx = df;
	l->where.file_local_ctx = df;
	for (i = 0; i < im->env.n; i++) {
		const struct df_var *v = &im->env.v[i];

		if (v->kind == DF_VAR_ENV && v->has_value)
			launch_add_env(l, v->name, v->value.s, v->value.span,
			    copy_offmap(v->value.offmap, v->value.len));
	}
	for (i = 0; i < im->launch.nassigns; i++) {
		const struct df_word *a = &im->launch.assigns[i];
		const char *eq = strchr(a->s, '=');
		size_t at, vlen;
		struct df_str w;

		if (eq == NULL)
			continue;
		/* the value's own bytes, so a finding in it gets its column */
		at = (size_t)(eq - a->s) + 1;
		vlen = a->len - at;
		w = (struct df_str){ a->s, a->len, a->offmap, a->span };
		/* a run needs no map: the value starts at its span */
		launch_add_env(l, arena_strndup(df->arena, a->s, at - 1), eq + 1,
		    df_str_span(&w, at, a->len),
		    a->offmap ? copy_offmap(a->offmap + at, vlen) : NULL);
	}
	for (i = 0; i < im->launch.argc; i++) {
		const struct df_word *w = &im->launch.argv[i];

		push_word(&l->argv, w);
		if (im->launch.argv_inexact && (strchr(w->s, '$') != NULL ||
		    strchr(w->s, '`') != NULL))
			VEC_PUSH(&l->runtime, w->span);
	}
	launch_finish(l, &lo, im->launch.span);
	app_interface(im, &l->where);
	if (im->default_conf != NULL && !launch_conf_read(l))
		l->where.config_unread = 1;
}

/* --build-arg NAME=VALUE (or NAME: from the environment) as the parser takes them. */
static struct df_buildarg *
build_args(const struct model_opts *o)
{
	struct df_buildarg *bas = xcalloc(o->nbuild_args + 1, sizeof(*bas));
	size_t i;

	for (i = 0; i < o->nbuild_args; i++) {
		const char *eq = strchr(o->build_args[i], '=');

		bas[i].name = eq ? xstrndup(o->build_args[i],
		    (size_t)(eq - o->build_args[i])) : xstrdup(o->build_args[i]);
		bas[i].value = eq ? eq + 1 : NULL;
	}
	return bas;
}

void
dockerfile_read(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct findings *fs)
{
	struct source *src;

	if ((src = set_read(set, f)) != NULL)
		dockerfile_take(set, o, f, src, dockerfile_parse(o, src, fs), fs);
}

/* The file's stages as the parser evaluates them, or NULL: on any thread. */
void *
dockerfile_parse(const struct model_opts *o, const struct source *src,
    struct findings *fs)
{
	struct df_buildarg *bas;
	struct df_opts dopts;
	struct df_file *df = NULL;
	size_t i;

	if (!set_lines_ok(src, fs))
		return NULL;
	bas = build_args(o);
	memset(&dopts, 0, sizeof(dopts));
	dopts.target = o->target;
	dopts.buildargs = bas;
	dopts.nbuildargs = o->nbuild_args;
	if (df_parse(src, &dopts, &df, fs) < 0 || df == NULL) {
		df_free(df);
		df = NULL;
	}
	for (i = 0; i < o->nbuild_args; i++)
		free((char *)bas[i].name);
	free(bas);
	return df;
}

void
dockerfile_take(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct source *src, void *parsed,
    struct findings *fs)
{
	struct df_file *df = parsed;
	const struct df_image *im;

	(void)f;
	(void)fs;
	if (df == NULL)
		return;
	VEC_PUSH(&set->dfs, df);
	im = df_final_image(df);
	if (im != NULL && im->launch.kind == DF_LAUNCH_GUNICORN)
		one_image(set, o, set->base, df, im, src->name);
}
