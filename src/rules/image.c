/*
 * image.c: the container-image rules (GL4xx) over the Dockerfile model:
 * how gunicorn is started (PID 1, shells, entry scripts), the variables it
 * reads, secrets baked into layers, the user, the health check and the
 * packages its worker class needs.
 */
#include <ctype.h>
#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


#include "rules/envnames_int.h"
#include "gunicorn/gunicorn.h"
#include "rules/image_int.h"
#include "rules/rules_int.h"


static const struct df_image *
final(const struct df_file *df)
{
	return df_final_image(df);
}

static int
is_server(const struct df_launch *L)
{
	return L->kind == DF_LAUNCH_GUNICORN || L->kind == DF_LAUNCH_UVICORN;
}

static struct span
launch_span(const struct df_image *im)
{
	return im->launch.span;
}

/* ---- GL401 GL406 GL411 GL412: how the server starts ---- */

static void
check_start(const struct df_image *im, struct findings *fs)
{
	const struct df_launch *L = &im->launch;
	const char *prog = L->kind == DF_LAUNCH_UVICORN ? "uvicorn" : "gunicorn";
	struct finding *f;

	if (L->kind == DF_LAUNCH_UNKNOWN)
		fnd_add(fs, "GL411", L->span, "cannot tell how this image starts "
		    "its server: %s", L->why ? L->why : F_("unknown"));
	if (L->kind == DF_LAUNCH_UVICORN)
		fnd_add(fs, "GL412", L->span, "the image runs uvicorn directly: "
		    "gunicorn's settings and GUNICORN_CMD_ARGS do not apply");
	if (im->final_argc > 0 && (im->entrypoint.set ? im->entrypoint.json :
	    im->cmd.json) && strpbrk(im->final_argv[0].s, " \t") != NULL &&
	    strchr(im->final_argv[0].s, '/') == NULL)
		fnd_add(fs, "GL418", im->final_argv[0].span, "the exec form runs a "
		    "program named \"%s\", spaces included: the container "
		    "fails with \"executable file not found\"",
		    im->final_argv[0].s);
	if (!is_server(L))
		return;
	if (L->exec == DF_EXEC_SHELL) {
		f = fnd_add(fs, "GL401", L->not_exec.src ? L->not_exec : L->span,
		    "%s is started by a shell without exec: the shell is PID 1 "
		    "and SIGTERM does not reach %s", prog, prog);
		fnd_set_help(f, "use the exec form [\"%s\", ...] or write "
		    "`exec %s ...`", prog, prog);
	} else if (L->exec == DF_EXEC_SCRIPT) {
		if (L->wrapper.src != NULL)
			f = fnd_add(fs, "GL406", L->wrapper, "the entry script runs "
			    "its arguments without exec: %s is not PID 1 and "
			    "misses SIGTERM", prog);
		else
			f = fnd_add(fs, "GL406", L->not_exec.src ? L->not_exec :
			    L->span, "the entry script starts %s without exec: "
			    "%s is not PID 1 and misses SIGTERM", prog, prog);
		fnd_set_help(f, "write `exec %s` in the script",
		    L->wrapper.src ? "\"$@\"" : prog);
	}
}

/* ---- GL402 GL403: the variables gunicorn reads ---- */

/* Does text[0..len) hold $name or ${name...}? */
static int
range_expands(const char *text, size_t len, const char *name)
{
	size_t n = strlen(name), i;
	const char *p;

	for (i = 0; i + n <= len; i++) {
		p = text + i;
		if (memcmp(p, name, n) != 0 || i == 0)
			continue;
		if ((p[-1] == '$' || (p[-1] == '{' && i >= 2 && p[-2] == '$')) &&
		    (i + n == len || (!isalnum((unsigned char)p[n]) &&
		    p[n] != '_')))
			return 1;
	}
	return 0;
}

static int
text_expands(const struct source *s, const char *name)
{
	return s != NULL && range_expands(s->text, s->len, name);
}

/* A name the Dockerfile or the entry script expands itself is in use. */
static int
name_is_used(const struct df_file *df, const struct df_image *im,
    const char *name)
{
	return text_expands(df->src, name) ||
	    text_expands(im->launch.script, name);
}

static void
check_var_names(const struct df_file *df, const struct df_image *im,
    const struct df_var *v, size_t n, struct findings *fs)
{
	size_t i, j;
	const char *want;

	for (i = 0; i < n; i++) {
		if ((want = env_near_miss(v[i].name)) == NULL ||
		    name_is_used(df, im, v[i].name))
			continue;
		for (j = 0; j < i; j++)
			if (strcmp(v[j].name, v[i].name) == 0)
				break;
		if (j < i)
			continue; /* once per name */
		fnd_add(fs, "GL402", v[i].name_span, "%s is not read by "
		    "gunicorn: the variable it reads is %s", v[i].name, want);
	}
}

/* NAME=value written before the command in a shell string or script. */
static void
check_assign_names(const struct df_file *df, const struct df_image *im,
    struct findings *fs)
{
	const struct df_launch *L = &im->launch;
	size_t i, nl;
	const char *want;
	char name[128];

	for (i = 0; i < L->nassigns; i++) {
		nl = strcspn(L->assigns[i].s, "=");
		if (nl >= sizeof(name))
			continue;
		memcpy(name, L->assigns[i].s, nl);
		name[nl] = '\0';
		if ((want = env_near_miss(name)) != NULL && !name_is_used(df, im, name))
			fnd_add(fs, "GL402", df_str_span(&(struct df_str){
			    L->assigns[i].s, L->assigns[i].len,
			    L->assigns[i].offmap, L->assigns[i].span }, 0, nl),
			    "%s is not read by gunicorn: the variable it reads "
			    "is %s", name, want);
	}
}

static int
env_has(const struct df_image *im, const char *name)
{
	size_t i;

	for (i = 0; i < im->env.n; i++)
		if (strcmp(im->env.v[i].name, name) == 0)
			return 1;
	return 0;
}

/*
 * An ARG that an ENV value of the image expands was meant for the build:
 * its value reaches gunicorn through that variable (ENV
 * GUNICORN_CMD_ARGS="-b 0.0.0.0:${PORT}"), not under its own name.
 */
static int
arg_feeds_env(const struct df_image *im, const char *name)
{
	size_t i;

	for (i = 0; i < im->env.n; i++) {
		const struct span *sp = &im->env.v[i].span;

		if (sp->src != NULL && sp->off + sp->len <= sp->src->len &&
		    range_expands(sp->src->text + sp->off, sp->len, name))
			return 1;
	}
	return 0;
}

static void
check_build_args(const struct df_file *df, const struct df_image *im,
    struct findings *fs)
{
	const struct env_name *e;
	size_t i;
	int st;

	for (e = env_names; e->name != NULL; e++) {
		const struct df_var *a = NULL;

		if (env_has(im, e->name))
			continue;
		/* the final stage, then the stages it is built FROM */
		for (st = df->final; a == NULL && st >= 0;
		    st = df->stages.v[st].parent) {
			const struct df_image *si = df->stages.v[st].image;

			for (i = 0; i < si->args.n; i++)
				if (strcmp(si->args.v[i].name, e->name) == 0)
					a = &si->args.v[i];
		}
		for (i = 0; a == NULL && i < df->global_args.n; i++)
			if (strcmp(df->global_args.v[i].name, e->name) == 0)
				a = &df->global_args.v[i];
		if (a != NULL && arg_feeds_env(im, e->name))
			continue;
		if (a != NULL)
			fnd_add(fs, "GL403", a->name_span, "%s is set only with ARG: "
			    "it exists while the image builds, not when gunicorn "
			    "runs, so %s is not applied", e->name, e->what);
	}
}

/* ---- GL404: private keys in layers ---- */

static int
ci_contains(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s; s++)
		if (strncasecmp(s, needle, n) == 0)
			return 1;
	return 0;
}

static int
mem_contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return 1;
	return 0;
}

static int
name_is_key(const char *b)
{
	static const char *const ext[] = { ".key", ".p12", ".pfx", ".jks",
	    ".keystore" };
	size_t n = strlen(b), i, l;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		l = strlen(ext[i]);
		if (n > l && strcasecmp(b + n - l, ext[i]) == 0)
			return 1;
	}
	if (strncmp(b, "id_rsa", 6) == 0 || strncmp(b, "id_ecdsa", 8) == 0 ||
	    strncmp(b, "id_ed25519", 10) == 0 || strncmp(b, "id_dsa", 6) == 0)
		return strstr(b, ".pub") == NULL;
	return n > 4 && strcasecmp(b + n - 4, ".pem") == 0 &&
	    (ci_contains(b, "key") || ci_contains(b, "priv"));
}

/* 1 key, 0 no key, -1 unreadable. */
static int
content_has_key(const char *path)
{
	struct source *s = src_read_file(path, path);

	if (s == NULL)
		return -1;
	return mem_contains(s->text, s->len, "PRIVATE KEY-----");
}

/* ---- directories copied from the build context ---- */

struct walk {
	const struct df_file *df;
	const struct df_copy *c;
	const struct df_str *srcword;
	struct findings *fs;
	VEC(char *) ignore;      /* .dockerignore patterns, '!' kept */
	unsigned seen;
};

#define WALK_MAX_FILES 20000
#define WALK_MAX_DEPTH 8

static void
load_dockerignore(struct walk *w)
{
	char *path = df_aprintf(w->df->arena, "%s/.dockerignore",
	    w->df->context_dir);
	struct source *s = src_read_file(path, path);
	size_t ln;

	if (s == NULL)
		return;
	for (ln = 1; ln <= s->nlines; ln++) {
		size_t len;
		const char *l = src_line(s, ln, &len);
		char *p;

		while (len && isspace((unsigned char)l[len - 1]))
			len--;
		while (len && isspace((unsigned char)*l))
			l++, len--;
		if (len == 0 || l[0] == '#')
			continue;
		p = arena_strndup(w->df->arena, l, len);
		VEC_PUSH(&w->ignore, p);
	}
}

/* Docker's rule: the last matching pattern wins; a parent match counts. */
static int
is_ignored(const struct walk *w, const char *rel)
{
	int ign = 0;
	size_t i;

	for (i = 0; i < w->ignore.n; i++) {
		const char *p = w->ignore.v[i];
		int neg = p[0] == '!';
		char *dir = arena_strdup(w->df->arena, rel), *slash;
		int hit;

		p += neg;
		while (p[0] == '/' || (p[0] == '.' && p[1] == '/'))
			p += p[0] == '/' ? 1 : 2;
		hit = fnmatch(p, rel, FNM_PATHNAME) == 0;
		while (!hit && (slash = strrchr(dir, '/')) != NULL) {
			*slash = '\0';
			hit = fnmatch(p, dir, FNM_PATHNAME) == 0;
		}
		if (hit)
			ign = !neg;
	}
	return ign;
}

static int
key_candidate(const char *b)
{
	size_t n = strlen(b);

	return name_is_key(b) || (n > 4 && (strcasecmp(b + n - 4, ".pem") == 0 ||
	    strcasecmp(b + n - 4, ".crt") == 0 || strcasecmp(b + n - 4, ".cer") == 0));
}

static void
walk_file(struct walk *w, const char *path, const char *rel)
{
	const char *b = df_basename(rel);
	int key;

	if (!key_candidate(b) || is_ignored(w, rel))
		return;
	key = content_has_key(path);
	if (key < 0)
		key = name_is_key(b);
	if (key > 0)
		fnd_add(w->fs, "GL404", w->srcword->span, "%s %s puts the private "
		    "key %s from the build context into an image layer",
		    w->c->add ? "ADD" : "COPY", w->srcword->s, rel);
}

static void
walk_dir(struct walk *w, const char *path, const char *rel, int depth)
{
	DIR *d = opendir(path);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL && w->seen < WALK_MAX_FILES) {
		char *p, *r;
		struct stat st;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    strcmp(e->d_name, ".git") == 0 ||
		    strcmp(e->d_name, "node_modules") == 0)
			continue;
		w->seen++;
		p = df_aprintf(w->df->arena, "%s/%s", path, e->d_name);
		r = rel[0] ? df_aprintf(w->df->arena, "%s%s%s", rel,
		    rel[strlen(rel) - 1] == '/' ? "" : "/", e->d_name) :
		    arena_strdup(w->df->arena, e->d_name);
		if (lstat(p, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode) && depth < WALK_MAX_DEPTH && !is_ignored(w, r))
			walk_dir(w, p, r, depth + 1);
		else if (S_ISREG(st.st_mode))
			walk_file(w, p, r);
	}
	closedir(d);
}

/* A copied directory: look inside it for private keys. */
static int
check_copied_dir(const struct df_file *df, const struct df_copy *c, size_t k,
    struct findings *fs)
{
	struct walk w;
	const char *s = c->srcs[k].s;
	char *path, *rel;
	struct stat st;

	while (s[0] == '.' && s[1] == '/')
		s += 2;
	rel = strcmp(s, ".") == 0 ? "" : (char *)s;
	while (rel[0] == '/')
		rel++;
	path = rel[0] ? df_aprintf(df->arena, "%s/%s", df->context_dir, rel) :
	    arena_strdup(df->arena, df->context_dir);
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return 0;
	memset(&w, 0, sizeof(w));
	w.df = df;
	w.c = c;
	w.srcword = &c->srcs[k];
	w.fs = fs;
	load_dockerignore(&w);
	if (!is_ignored(&w, rel[0] ? rel : "."))
		walk_dir(&w, path, rel, 0);
	free(w.ignore.v);
	return 1;
}

static void
check_secrets(const struct df_file *df, const struct df_image *im,
    struct findings *fs)
{
	size_t i, k;

	for (i = 0; i < im->copies.n; i++) {
		const struct df_copy *c = &im->copies.v[i];

		for (k = 0; k < c->nsrcs; k++) {
			const char *b = df_basename(c->srcs[k].s);
			int key = -1, local;

			local = c->from == NULL && c->heredoc == NULL &&
			    df->context_dir != NULL &&
			    strstr(c->srcs[k].s, "://") == NULL;
			if (local && check_copied_dir(df, c, k, fs))
				continue;
			if (local)
				key = content_has_key(df_aprintf(df->arena, "%s/%s",
				    df->context_dir, c->srcs[k].s));
			if (c->heredoc != NULL && strncmp(c->srcs[k].s, "<<", 2) == 0)
				key = strstr(c->heredoc->body.s, "PRIVATE KEY-----") != NULL;
			if (key < 0)
				key = name_is_key(b);
			if (key > 0)
				fnd_add(fs, "GL404", c->srcs[k].span, "%s puts the "
				    "private key %s into an image layer",
				    c->add ? "ADD" : "COPY", c->srcs[k].s);
		}
	}
}

/* ---- GL405: root ---- */

static void
check_user(const struct df_file *df, const struct df_image *im,
    struct findings *fs)
{
	const char *u = im->user.s ? im->user.s : "";
	size_t n = strcspn(u, ":");

	if (!is_server(&im->launch) || im->launch.run_user != NULL)
		return;
	/* another base image may set its own USER: not guessed */
	if (!im->user_set && im->base_plain)
		fnd_add(fs, "GL405", df->stages.v[df->final].span, "no USER "
		    "instruction: gunicorn runs as root");
	else if ((n == 4 && strncmp(u, "root", 4) == 0) ||
	    (n == 1 && u[0] == '0'))
		fnd_add(fs, "GL405", im->user_span, "USER %s: gunicorn runs "
		    "as root", u);
}

/* Whether uvicorn's own command line turns on TLS (--ssl-certfile). */
static int
uvicorn_tls(const struct df_image *im)
{
	const struct df_launch *L = &im->launch;
	size_t i;

	for (i = 0; i < L->argc; i++)
		if (strcmp(L->argv[i].s, "--ssl-certfile") == 0 ||
		    strncmp(L->argv[i].s, "--ssl-certfile=", 15) == 0)
			return 1;
	return 0;
}

/* ---- GL407: plain HTTP health check against TLS ---- */

/* GL407 for an image whose server serves TLS. */
static void
check_health(const struct df_image *im, struct findings *fs)
{
	const struct df_health *h = &im->health;
	size_t i;

	if (!h->set || h->none || !is_server(&im->launch))
		return;
	for (i = 0; i < h->cmd.argc; i++) {
		const struct df_str *a = &h->cmd.argv[i];
		const char *p = strstr(a->s, "http://");

		if (p == NULL)
			continue;
		fnd_add(fs, "GL407", df_str_span(a, (size_t)(p - a->s),
		    (size_t)(p - a->s) + 7), "the health check uses http:// but "
		    "%s serves TLS (--certfile/--keyfile): the check cannot pass",
		    df_launch_kind_name(im->launch.kind));
		return;
	}
}

/* ---- GL408 GL409 GL410: packages ---- */

static const struct df_pkg *
pkg_find(const struct df_image *im, const char *name)
{
	size_t i;

	for (i = 0; i < im->pkgs.n; i++)
		if (strcmp(im->pkgs.v[i].name, name) == 0)
			return &im->pkgs.v[i];
	return NULL;
}

/*
 * Packages that bring another one with them as a declared dependency:
 * uvicorn-worker requires uvicorn and gunicorn; gunicorn's extras pull
 * in the worker libraries.
 */
static const struct {
	const char *pkg, *extra, *brings;
} pkg_brings[] = {
	{ "uvicorn-worker", NULL, "uvicorn" },
	{ "uvicorn-worker", NULL, "gunicorn" },
	{ "gunicorn", "gevent", "gevent" },
	{ "gunicorn", "eventlet", "eventlet" },
	{ "gunicorn", "tornado", "tornado" },
};

static int
has_extra(const char *extras, const char *want)
{
	size_t n = strlen(want);
	const char *p;

	for (p = extras; p != NULL && (p = strstr(p, want)) != NULL; p += n)
		if ((p == extras || p[-1] == ',' || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return 1;
	return 0;
}

int
img_pkg_brings(const char *pkg, const char *extras, const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(pkg_brings) / sizeof(pkg_brings[0]); i++)
		if (strcmp(pkg_brings[i].brings, name) == 0 &&
		    strcmp(pkg_brings[i].pkg, pkg) == 0 &&
		    (pkg_brings[i].extra == NULL ||
		    has_extra(extras, pkg_brings[i].extra)))
			return 1;
	return 0;
}

/* Installed by name, or brought in by a package that depends on it. */
static int
pkg_installed(const struct df_image *im, const char *name)
{
	size_t i;

	if (pkg_find(im, name) != NULL)
		return 1;
	for (i = 0; i < im->pkgs.n; i++)
		if (img_pkg_brings(im->pkgs.v[i].name, im->pkgs.v[i].extras,
		    name))
			return 1;
	return 0;
}

/* Worker classes and the package each needs. */
static const struct {
	const char *prefix, *pkg;
} worker_pkgs[] = {
	{ "uvicorn.workers.", "uvicorn" },
	{ "uvicorn_worker.", "uvicorn-worker" },
	{ "gevent", "gevent" },
	{ "gunicorn.workers.ggevent.", "gevent" },
	{ "eventlet", "eventlet" },
	{ "gunicorn.workers.geventlet.", "eventlet" },
	{ "tornado", "tornado" },
	{ "gunicorn.workers.gtornado.", "tornado" },
};

const char *
img_worker_package(const char *worker_class)
{
	size_t i;

	for (i = 0; worker_class != NULL &&
	    i < sizeof(worker_pkgs) / sizeof(worker_pkgs[0]); i++)
		if (strncmp(worker_class, worker_pkgs[i].prefix,
		    strlen(worker_pkgs[i].prefix)) == 0)
			return worker_pkgs[i].pkg;
	return NULL;
}

/* We may say "not installed" only when every install step is listed. */
static int
pkgs_known(const struct df_image *im)
{
	return im->has_install && !im->pkgs_unknown && im->base_plain;
}

/* GL410: uvicorn (run directly, or as gunicorn's worker) without [standard]. */
static void
check_uvicorn_standard(const struct df_image *im, struct findings *fs)
{
	const struct df_pkg *p = pkg_find(im, "uvicorn");

	if (p != NULL && (p->extras == NULL || strstr(p->extras, "standard") ==
	    NULL))
		fnd_add(fs, "GL410", p->span, "uvicorn is installed without "
		    "[standard]: no uvloop or httptools");
}

/* GL409, and GL410 for an image that runs uvicorn itself. */
static void
check_packages(const struct df_image *im, struct findings *fs)
{
	if (im->launch.kind == DF_LAUNCH_GUNICORN && pkgs_known(im) &&
	    !pkg_installed(im, "gunicorn"))
		fnd_add(fs, "GL409", launch_span(im), "the image starts gunicorn "
		    "but no install step names it (unless another package "
		    "depends on it)");
	if (im->launch.kind == DF_LAUNCH_UVICORN)
		check_uvicorn_standard(im, fs);
}

void
img_check(const struct df_file *df, struct findings *fs)
{
	const struct df_image *im = final(df);

	if (im == NULL)
		return;
	check_start(im, fs);
	check_var_names(df, im, im->env.v, im->env.n, fs);
	check_var_names(df, im, im->args.v, im->args.n, fs);
	check_var_names(df, im, df->global_args.v, df->global_args.n, fs);
	check_assign_names(df, im, fs);
	if (is_server(&im->launch))
		check_build_args(df, im, fs);
	check_secrets(df, im, fs);
	check_user(df, im, fs);
	if (im->launch.kind == DF_LAUNCH_UVICORN && uvicorn_tls(im))
		check_health(im, fs);
	check_packages(im, fs);
}

/* ---- rules over effective settings ---- */

unsigned
img_bind_port(const char *bind, int *loopback)
{
	struct bind_addr b;

	bind_parse(bind, &b);
	*loopback = b.kind == BIND_TCP && b.loopback;
	return b.kind == BIND_TCP && b.port > 0 ? (unsigned)b.port : 0;
}

/* The image of a launch the image family judges (a gunicorn launch). */
static const struct df_image *
launch_image(const struct gl_launch *l)
{
	const struct df_image *im = final(l->df);

	return im != NULL && im->launch.kind == DF_LAUNCH_GUNICORN ? im : NULL;
}

/* GL407: gunicorn has a certificate or a key. */
static void
check_health_tls(const struct gl_launch *l, struct findings *fs)
{
	const struct df_image *im = launch_image(l);

	if (im != NULL && (lv_str(l, "certfile") != NULL ||
	    lv_str(l, "keyfile") != NULL))
		check_health(im, fs);
}

/* GL408 and GL410: the packages the worker class needs. */
static void
check_worker_packages(const struct gl_launch *l, struct findings *fs)
{
	const struct df_image *im = launch_image(l);
	const char *cls = lv_str(l, "worker_class");
	const char *pkg;

	if (im == NULL || cls == NULL)
		return;
	if ((pkg = img_worker_package(cls)) != NULL && pkgs_known(im) &&
	    !pkg_installed(im, pkg))
		fnd_add(fs, "GL408", lv_value_span(l, "worker_class"), "worker "
		    "class %s needs the %s package, which no install step "
		    "names", cls, pkg);
	if (strncmp(cls, "uvicorn", 7) == 0)
		check_uvicorn_standard(im, fs);
}

/* GL417: a gunicorn.conf.py in WORKDIR that no -c replaces. */
static void
check_default_conf(const struct gl_launch *l, struct findings *fs)
{
	const struct df_image *im = launch_image(l);

	if (im != NULL && im->default_conf != NULL && !lv_given(l, "config"))
		fnd_add(fs, "GL417", im->default_conf->span, "gunicorn will read "
		    "%s/gunicorn.conf.py from its working directory",
		    im->workdir.len ? im->workdir.s : "");
}

/*
 * GL413: EXPOSE names none of the TCP ports gunicorn binds.  Not judged
 * when nothing set bind while a config file gunilint does not read (one
 * in WORKDIR, or -c) may set one.
 */
static void
check_expose(const struct gl_launch *l, struct findings *fs)
{
	const struct df_image *im = launch_image(l);
	const struct launch_value *bind = lv(l, "bind");
	const char *first = NULL;
	int lo, any_exposed = 0, any_tcp = 0;
	unsigned port;
	size_t i, k;

	if (im == NULL || bind == NULL || bind->value == NULL ||
	    bind->value->kind != PV_LIST)
		return;
	if (bind->origin <= LO_ENV_DEFAULT && (im->default_conf != NULL ||
	    lv_given(l, "config")))
		return;
	for (i = 0; i < bind->value->n; i++) {
		if (bind->value->items[i]->kind != PV_STR)
			continue;
		if (first == NULL)
			first = bind->value->items[i]->s;
		port = img_bind_port(bind->value->items[i]->s, &lo);
		if (port == 0)
			continue;
		any_tcp = 1;
		for (k = 0; k < im->expose.n; k++)
			if (im->expose.v[k].port == port)
				any_exposed = 1;
	}
	for (k = 0; k < im->expose.n; k++)
		if (im->expose.v[k].port == 0)
			any_exposed = 1; /* a range or a variable: cannot tell */
	if (any_tcp && im->expose.n > 0 && !any_exposed)
		fnd_add(fs, "GL413", im->expose.v[0].span, "EXPOSE %s, but "
		    "gunicorn binds %s", im->expose.v[0].text, first);
}

/*
 * The image family: the rules about a Dockerfile's gunicorn launch that
 * need its effective settings.  The rules of the file alone are
 * img_check()'s.
 */
const struct rule_check rules_image[] = {
	{ "GL407", check_health_tls },
	{ "GL408 GL410", check_worker_packages },
	{ "GL413", check_expose },
	{ "GL417", check_default_conf },
	{ NULL, NULL },
};
