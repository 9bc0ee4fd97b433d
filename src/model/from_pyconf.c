/*
 * from_pyconf.c: gunicorn config files (gunicorn.conf.py, -c FILE) as the
 * launches that execute them see them.  gunicorn execs the file and then
 * sets every module global whose name is a setting, in the order the
 * globals were first bound (G@23.0.0 gunicorn/app/base.py
 * load_config_from_module_name_or_filename); this module finds the file's
 * bytes (the build-context file a COPY puts there, a file beside the
 * launch's own file, an input, or the file on this machine), evaluates it
 * with the launch's environment (src/py) and applies the result through
 * the launch model.  A config file no launch executes is a launch of its
 * own: `gunicorn -c FILE` with an unknown command line.
 */
#define _GNU_SOURCE /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model_int.h"

static void
conf_file_free(struct gl_conf_file *c)
{
	free(c->path);
	free(c->real);
	free(c);
}

void
pyconf_free_all(struct gl_launches *set)
{
	size_t i;

	for (i = 0; i < set->confs.n; i++)
		conf_file_free(set->confs.v[i]);
	free(set->confs.v);
	memset(&set->confs, 0, sizeof(set->confs));
}

void
launch_conf_free(struct gl_launch_conf *c)
{
	if (c == NULL)
		return;
	free(c->path);
	py_result_free(&c->res);
	free(c);
}

static struct gl_conf_file *
conf_add(struct gl_launches *set, const char *path, const struct source *src,
    int input)
{
	struct gl_conf_file *c = xcalloc(1, sizeof(*c));

	c->path = xstrdup(path);
	c->real = realpath(path, NULL);
	c->src = src;
	c->input = input;
	VEC_PUSH(&set->confs, c);
	return c;
}

/* The kind's reader: an input config file, kept for the launches. */
void
pyconf_read(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct findings *fs)
{
	struct source *src;

	(void)o;
	(void)fs;
	if ((src = set_read(set, f)) != NULL)
		conf_add(set, f->path, src, 1);
}

/* A config file met through a launch: an input already read, or read now. */
static struct gl_conf_file *
conf_at(struct gl_launches *set, const char *local)
{
	char *real = realpath(local, NULL);
	struct gl_conf_file *c = NULL;
	struct set_file sf;
	struct source *src;
	size_t i;

	for (i = 0; i < set->confs.n && c == NULL; i++)
		if (strcmp(set->confs.v[i]->path, local) == 0 ||
		    (real != NULL && set->confs.v[i]->real != NULL &&
		    strcmp(set->confs.v[i]->real, real) == 0))
			c = set->confs.v[i];
	free(real);
	if (c != NULL)
		return c;
	if ((src = src_read_file(local, strncmp(local, "./", 2) == 0 ?
	    local + 2 : NULL)) == NULL)
		return NULL;
	c = conf_add(set, local, src, 0);
	/* Known to the filters, so `# gunilint ignore=` works in it too. */
	memset(&sf, 0, sizeof(sf));
	sf.src = src;
	sf.kind = kind_find("pyconf");
	VEC_PUSH(&set->files, sf);
	return c;
}

/* An input config file whose path ends with the relative path `rel`. */
static struct gl_conf_file *
conf_input_named(struct gl_launches *set, const char *rel)
{
	size_t i, n, m = strlen(rel);

	while (strncmp(rel, "./", 2) == 0) {
		rel += 2;
		m -= 2;
	}
	for (i = 0; i < set->confs.n; i++) {
		const char *p = set->confs.v[i]->path;

		n = strlen(p);
		if (set->confs.v[i]->input && n >= m &&
		    strcmp(p + n - m, rel) == 0 && (n == m || p[n - m - 1] == '/'))
			return set->confs.v[i];
	}
	return NULL;
}

static struct gl_launch *
launch_of(struct gl_launches *set, const struct launch *m)
{
	size_t i;

	for (i = set->n; i-- > 0;)
		if (set->v[i].model == m)
			return &set->v[i];
	return NULL;
}

/* ---- the environment the file reads ---- */

static const char *
conf_getenv(void *arg, const char *name, struct span *where)
{
	const struct gl_launch *l = arg;
	size_t i;

	for (i = l->env.n; i-- > 0;)
		if (strcmp(l->env.v[i].name, name) == 0) {
			*where = l->env.v[i].span;
			return l->env.v[i].value;
		}
	return l->env_host ? getenv(name) : NULL;
}

/*
 * Whether a variable the launch does not set is known to be unset: yes
 * on this machine and in an image (what the Dockerfile or manifest sets
 * is all there is), no where the platform adds its own (env_open).
 */
static int
conf_known(void *arg, const char *name)
{
	const struct gl_launch *l = arg;
	size_t i, k;

	for (i = l->env.n; i-- > 0;)
		if (strcmp(l->env.v[i].name, name) == 0) {
			/* a value only the platform or a shell knows ($PORT) */
			for (k = 0; k < l->runtime.n; k++)
				if (l->runtime.v[k].src == l->env.v[i].span.src &&
				    l->runtime.v[k].off <= l->env.v[i].span.off &&
				    l->env.v[i].span.off < l->runtime.v[k].off +
				    l->runtime.v[k].len + 1)
					return 0;
			return 1;
		}
	return l->env_host || !l->env_open;
}

/* ---- applying the globals ---- */

/*
 * Module globals in dict order: the order of their first binding, a
 * `del` taking a name out (rebinding it puts it last).
 */
static size_t
globals_order(const struct py_result *r, const char **names)
{
	size_t i, k, n = 0;

	for (i = 0; i < r->n; i++) {
		const char *name = r->v[i].name;

		if (name == NULL)
			continue;
		for (k = 0; k < n && strcmp(names[k], name) != 0; k++)
			;
		if (r->v[i].kind == PY_DELETE) {
			if (k < n) {
				memmove(names + k, names + k + 1,
				    (n - k - 1) * sizeof(*names));
				n--;
			}
		} else if (k == n)
			names[n++] = name;
	}
	return n;
}

static void
apply_globals(struct gl_launch *l, struct launch *m, const struct py_result *r)
{
	const char **names = xcalloc(r->n + 1, sizeof(*names));
	const struct py_item *it;
	size_t i, n = globals_order(r, names);

	for (i = 0; i < n; i++) {
		it = py_result_final(r, names[i]);
		if (it == NULL)
			continue;
		if (it->kind == PY_RUNTIME) {
			/* what rules say there is about a value not known */
			if (launch_config_runtime(m, names[i], it->span, it->why))
				VEC_PUSH(&l->runtime, it->span);
		}
		else if (it->kind == PY_ASSIGN || it->kind == PY_HOOK) {
			if (launch_apply_config(m, names[i],
			    pv_copy(it->value), it->value_span.src ?
			    it->value_span : it->span) != 0)
				break;
		}
	}
	free(names);
}

/* Runs the file for launch l; LOADED, or UNKNOWN when Python failed to read it. */
static enum launch_cfg_status
run_file(struct gl_launch *l, struct launch *m, struct gl_launch_conf *lc)
{
	const struct py_item *bad;
	struct py_env env;

	memset(&env, 0, sizeof(env));
	env.getenv = conf_getenv;
	env.known = conf_known;
	env.arg = l;
	env.cpus = l->where.cpus; /* --cpus, or a limit the reader knows */
	lc->file->used = 1;
	if (py_eval_config(lc->file->src, &env, &lc->res) != 0) {
		char *msg;

		bad = lc->res.n ? &lc->res.v[0] : NULL;
		/* the traceback's last line, as Python prints it */
		msg = bad == NULL ? xstrdup("SyntaxError: invalid syntax") :
		    strstr(bad->why, "Error: ") != NULL ? xstrdup(bad->why) :
		    xasprintf("SyntaxError: %s", bad->why);
		launch_config_failed(m, msg, bad ? bad->span :
		    span_make(NULL, 0, 0));
		free(msg);
		return LAUNCH_CFG_LOADED;
	}
	if ((bad = py_result_failure(&lc->res)) != NULL) {
		launch_config_failed(m, bad->why, bad->span);
		return LAUNCH_CFG_LOADED;
	}
	apply_globals(l, m, &lc->res);
	return LAUNCH_CFG_LOADED;
}

/*
 * Where the bytes of the config file are, for a launch that is not on
 * this machine: the COPY source in the build context, an input file the
 * launch names, or a file beside the launch's own file.  NULL with
 * *absent set when the launch's image is known not to hold it.
 */
static char *
find_local(struct gl_launches *set, const struct gl_launch *l,
    const char *abs, const char *named, int is_default, int *absent)
{
	struct gl_conf_file *in;
	const char *from = l->anchor_file;
	char *dir, *p;
	struct stat st;

	*absent = 0;
	if (l->where.file_local != NULL) {
		p = l->where.file_local(l->where.file_local_ctx, abs);
		/* No COPY or ADD puts anything there (a RUN might). */
		*absent = p == NULL && l->where.file_source != NULL &&
		    l->where.file_source(l->where.file_source_ctx, abs) == NULL;
		return p;
	}
	/* A container's files are not beside its manifest. */
	if (l->where.in_container == 1 || named[0] == '/')
		return NULL;
	if (!is_default && (in = conf_input_named(set, named)) != NULL)
		return xstrdup(in->path);
	/* a command line or --args value: run from the current directory */
	dir = from != NULL ? path_dir(from) : xstrdup(".");
	p = xasprintf("%s/%s", dir, named);
	free(dir);
	if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
		return p;
	free(p);
	return NULL;
}

/* os.path.splitext's extension of a path, "" when none. */
static const char *
path_ext(const char *path)
{
	const char *base = path_base(path), *dot;

	while (*base == '.')
		base++; /* a leading dot starts no extension */
	dot = strrchr(base, '.');
	return dot != NULL ? dot : "";
}

static int
has_py_ext(const char *path)
{
	return strcmp(path_ext(path), ".py") == 0 ||
	    strcmp(path_ext(path), ".pyc") == 0;
}

static int
is_bytecode(const char *path)
{
	return strcmp(path_ext(path), ".pyc") == 0;
}

enum launch_cfg_status
pyconf_load(void *arg, struct launch *m, const char *path, struct span sp,
    int is_default)
{
	struct gl_launches *set = arg;
	struct gl_launch *l = launch_of(set, m);
	struct gl_launch_conf *lc;
	const char *named = path, *cwd = launch_cwd(m);
	char *abs, *local = NULL;
	struct stat st;
	int absent = 0;
	enum launch_cfg_status st_ret = LAUNCH_CFG_UNKNOWN;

	if (l == NULL || strncmp(path, "python:", 7) == 0)
		return LAUNCH_CFG_UNKNOWN; /* a module: Python's import system */
	if (strncmp(named, "file:", 5) == 0)
		named += 5;
	lc = xcalloc(1, sizeof(*lc));
	lc->path = xstrdup(path);
	lc->span = sp;
	lc->is_default = is_default;
	l->conf = lc;
	abs = named[0] == '/' || is_default ? xstrdup(named) :
	    xasprintf("%s/%s", cwd ? cwd : ".", named);
	if (l->on_host) {
		if (stat(abs, &st) != 0)
			st_ret = LAUNCH_CFG_MISSING;
		else if (S_ISDIR(st.st_mode)) {
			/* Python's open() of a directory, in gunicorn's loader. */
			char *msg = xasprintf("IsADirectoryError: [Errno 21] Is a "
			    "directory: '%s'", named);

			launch_config_failed(m, msg, span_make(NULL, 0, 0));
			free(msg);
			st_ret = LAUNCH_CFG_LOADED;
		} else
			local = xstrdup(abs);
	} else
		local = find_local(set, l, abs, is_default ? "gunicorn.conf.py" :
		    named, is_default, &absent);
	if (local != NULL && is_bytecode(named))
		st_ret = LAUNCH_CFG_UNKNOWN; /* compiled Python: not read here */
	else if (local != NULL && (lc->file = conf_at(set, local)) != NULL) {
		if (!has_py_ext(named))
			/* util.warn, before gunicorn executes it anyway */
			launch_warn(m, "!!!\n!!! WARNING: configuration file "
			    "should have a valid Python extension.\n!!!\n");
		st_ret = run_file(l, m, lc);
	}
	else if (absent && !is_default) {
		lc->absent = 1;
		lc->absent_where = "the image";
	}
	lc->status = st_ret;
	free(local);
	free(abs);
	return st_ret;
}

/*
 * Config files among the inputs that no launch executed: each is the
 * launch `gunicorn -c FILE` with an unknown command line and environment.
 */
void
pyconf_after(struct gl_launches *set, const struct model_opts *o,
    struct findings *fs)
{
	struct launch_base lo;
	struct gl_launch *l;
	size_t i, n = set->confs.n;

	(void)fs;
	for (i = 0; i < n; i++) {
		const struct gl_conf_file *c = set->confs.v[i];
		struct span at = span_make(c->src, 0, 0);

		if (!c->input || c->used)
			continue;
		lo = *set->base;
		lo.cli_unknown = 1;
		lo.check_host = 0;
		lo.file = c->path;
		lo.env_open = 1;
		deps_choose(set, o, NULL, c->path, &lo);
		l = launch_begin(set, c->src->name, &lo);
		l->conf_only = 1;
		sw_push(&l->argv, "-c", 2, at);
		sw_push(&l->argv, c->path, strlen(c->path), at);
		launch_finish(l, &lo, at);
	}
}
