/*
 * launchset.c: from what the command line names to evaluated launches:
 * --args values, --env, a gunicorn command line after --, and every file,
 * each read by the reader its kind names (kinds.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model_int.h"

/*
 * The variables gunicorn itself reads while loading its configuration
 * (XDG_RUNTIME_DIR and HOME: the 25.2+ control_socket default).
 */
static const char *const config_env[] = {
	"GUNICORN_CMD_ARGS", "WEB_CONCURRENCY", "PORT", "FORWARDED_ALLOW_IPS",
	"XDG_RUNTIME_DIR", "HOME",
};

/* gunicorn's util.getcwd: $PWD when it names the real cwd (keeps symlinks). */
static char *
startup_cwd(void)
{
	const char *pwd = getenv("PWD");
	struct stat a, b;
	char *cwd;

	if (pwd != NULL && stat(pwd, &a) == 0 && stat(".", &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		return xstrdup(pwd);
	if ((cwd = getcwd(NULL, 0)) == NULL)
		return xstrdup(".");
	return cwd;
}

struct gl_launch *
launch_begin(struct gl_launches *out, const char *id,
    const struct launch_base *lo)
{
	struct launch_ctx ctx;
	struct gl_launch *l;
	size_t n;

	VEC_GROW(out);
	l = &out->v[out->n++];
	memset(l, 0, sizeof(*l));
	l->id = xstrdup(id);
	/* Readers fill in where before launch_finish: the config file is
	 * found through where.file_local. */
	launch_where_unknown(&l->where);
	if (out->defs[lo->version] == NULL) {
		n = set_list_defined(lo->version, NULL, 0);
		out->defs[lo->version] = xcalloc(n, sizeof(**out->defs));
		out->ndefs[lo->version] = set_list_defined(lo->version,
		    out->defs[lo->version], n);
	}
	if (out->tables[lo->version] == NULL) /* one a release, shared */
		out->tables[lo->version] = av_table_new(out->defs[lo->version],
		    out->ndefs[lo->version]);
	memset(&ctx, 0, sizeof(ctx));
	ctx.table = out->tables[lo->version];
	if (out->defaults[lo->version] == NULL)
		out->defaults[lo->version] = xcalloc(out->ndefs[lo->version] +
		    1, sizeof(struct launch_value));
	ctx.default_cache = out->defaults[lo->version];
	ctx.version = lo->version;
	ctx.defs = out->defs[lo->version];
	ctx.ndefs = out->ndefs[lo->version];
	ctx.cwd = lo->cwd;
	ctx.uid = lo->uid;
	ctx.gid = lo->gid;
	ctx.check_host = lo->check_host;
	ctx.cli_unknown = lo->cli_unknown;
	/* What --version prints: Debian's package says 20.1.0 too. */
	ctx.version_name = lo->version == GV_20_1_DEBIAN ? "20.1.0" :
	    gv_name(lo->version);
	/* Called from launch_eval in launch_finish, before any other
	 * launch is begun: the set's array does not move meanwhile. */
	ctx.load_config = pyconf_load;
	ctx.load_config_arg = out;
	l->model = launch_new(&ctx);
	l->version = lo->version;
	l->anchor_file = lo->file ? xstrdup(lo->file) : NULL;
	l->on_host = lo->check_host;
	l->env_host = lo->check_host;
	l->env_open = lo->env_open;
	l->deps = lo->deps;
	l->ndeps = lo->ndeps;
	l->deps_installed = lo->deps_installed;
	l->version_from = lo->version_from;
	return l;
}

void
launch_add_env(struct gl_launch *l, const char *name, const char *value,
    struct span span, size_t *offmap)
{
	struct launch_env e;

	memset(&e, 0, sizeof(e));
	e.name = name;
	e.value = value;
	e.span = span;
	e.offmap = offmap;
	if (offmap != NULL)
		VEC_PUSH(&l->offmaps, offmap);
	VEC_PUSH(&l->env, e);
}

size_t *
span_offmap(struct span sp, const char *value, size_t len)
{
	size_t *map, i, at = sp.off, end = sp.off + sp.len;

	if (sp.src == NULL || end > sp.src->len)
		return NULL;
	map = xcalloc(len + 1, sizeof(*map));
	for (i = 0; i < len; i++) {
		while (at < end && sp.src->text[at] != value[i] &&
		    !(value[i] == ' ' && sp.src->text[at] == '\n'))
			at++;
		if (at == end) {
			free(map);
			return NULL;
		}
		map[i] = at++;
	}
	return map;
}

static int
program_words(int n, char *const *w)
{
	const char *base;

	if (n == 0)
		return 0;
	base = path_base(w[0]);
	if (strcmp(base, "gunicorn") == 0)
		return 1;
	if (n >= 3 && strncmp(base, "python", 6) == 0 &&
	    strcmp(w[1], "-m") == 0 && strcmp(w[2], "gunicorn") == 0)
		return 3;
	return 0;
}

/* The command line as one source, each word with its span in it. */
static void
cmdline_words(const struct model_opts *o, struct sw_words *out)
{
	struct strbuf sb = STRBUF_INIT;
	const struct source *src;
	int i, skip = program_words(o->ncmdline, o->cmdline);
	size_t *offs = xcalloc((size_t)o->ncmdline + 1, sizeof(size_t));

	for (i = 0; i < o->ncmdline; i++) {
		if (i)
			sb_addch(&sb, ' ');
		offs[i] = sb.len;
		sb_adds(&sb, o->cmdline[i]);
	}
	src = src_new("command line", sb_str(&sb), sb.len);
	for (i = skip; i < o->ncmdline; i++)
		sw_push(out, o->cmdline[i], strlen(o->cmdline[i]),
		    span_make(src, offs[i], strlen(o->cmdline[i])));
	free(offs);
	sb_release(&sb);
}

/* Derived facts: the worker class resolved. */
static void
launch_derive(struct gl_launch *l, struct span anchor)
{
	const struct launch_value *wc = launch_get(l->model, "worker_class");
	const struct launch_value *th = launch_get(l->model, "threads");
	long threads = 1;

	l->anchor = anchor;
	if (th != NULL && th->value != NULL && th->value->kind == PV_INT)
		threads = (long)th->value->i;
	wk_resolve(wc != NULL && wc->value != NULL &&
	    wc->value->kind == PV_STR ? wc->value->s : "sync", threads,
	    l->version, &l->worker);
}

void
launch_where_unknown(struct launch_where *w)
{
	memset(w, 0, sizeof(*w));
	w->in_container = -1;
	w->cpus = -1;
	w->run_uid = -1;
	w->net_bind_service = -1;
	w->app_is_asgi = -1;
}

void
launch_finish(struct gl_launch *l, const struct launch_base *lo,
    struct span anchor)
{
	const struct launch_value *cfg;

	/* Before the evaluation: a config file's cpu_count() reads it. */
	if (lo->cpus > 0) {
		l->where.cpus = lo->cpus;
		l->where.cpus_from = "--cpus";
	}
	/* Complete now, and kept all run long: no spare room.  Before the
	 * model points into argv. */
	VEC_FIT(&l->argv);
	VEC_FIT(&l->env);
	VEC_FIT(&l->offmaps);
	VEC_FIT(&l->runtime);
	if (l->env.n)
		launch_set_env(l->model, l->env.v, l->env.n);
	if (l->argv.n)
		launch_set_argv(l->model, l->argv.v, l->argv.n);
	l->stopped = launch_eval(l->model) != 0;
	launch_derive(l, anchor);
	cfg = launch_get(l->model, "config");
	l->where.config_unread = cfg != NULL && cfg->origin != LO_DEFAULT &&
	    !launch_conf_read(l);
	l->where.root = lo->root;
}

int
launch_conf_read(const struct gl_launch *l)
{
	return l->conf != NULL && l->conf->status == LAUNCH_CFG_LOADED;
}

/* One launch: an optional GUNICORN_CMD_ARGS source, --env, the command line. */
static void
one_launch(struct gl_launches *out, const struct model_opts *o,
    const struct launch_base *base, const struct source *args)
{
	struct launch_base lo = *base;
	struct gl_launch *l;
	struct span anchor = { NULL, 0, 0 };
	const struct source *src;
	size_t i;

	lo.cli_unknown = o->ncmdline == 0;
	/* without --env the environment it will run with is not known */
	lo.env_open = !o->use_env;
	deps_choose(out, o, NULL, NULL, &lo);
	l = launch_begin(out, args ? "GUNICORN_CMD_ARGS" : o->use_env ?
	    "environment" : "command line", &lo);
	if (o->use_env)
		l->env_host = 1; /* a config file reads this process's */
	for (i = 0; o->use_env && i < sizeof(config_env) / sizeof(*config_env);
	    i++) {
		const char *val = getenv(config_env[i]);

		if (val == NULL || (args != NULL && i == 0))
			continue;
		src = src_new(config_env[i], val, strlen(val));
		launch_add_env(l, config_env[i], src->text,
		    span_make(src, 0, src->len), NULL);
		if (i == 0)
			anchor = span_make(src, 0, src->len);
	}
	if (args != NULL) {
		launch_add_env(l, "GUNICORN_CMD_ARGS", args->text,
		    span_make(args, 0, args->len), NULL);
		anchor = span_make(args, 0, args->len);
	}
	if (o->ncmdline > 0) {
		cmdline_words(o, &l->argv);
		if (anchor.src == NULL && l->argv.n)
			anchor = l->argv.v[0].span;
	}
	launch_finish(l, &lo, anchor);
}

/* A file (or stdin) that holds a GUNICORN_CMD_ARGS value. */
void
args_read(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct findings *fs)
{
	struct source *src;
	size_t len;

	(void)fs;
	if ((src = set_read(set, f)) == NULL)
		return;
	for (len = src->len; len > 0 && (src->text[len - 1] == '\n' ||
	    src->text[len - 1] == '\r'); len--)
		;
	one_launch(set, o, set->base, src_new(src->name, src->text, len));
}

/*
 * --jobs: a kind's files in batches.  Each batch is read in input order,
 * parsed on up to o->jobs threads, each file into findings of its own,
 * then taken in input order with its findings appended as read() would
 * have: the model and the report are the same for any number of jobs.
 * A batch bounds how many parsed files wait at once.
 */
#define PARSE_BATCH 64

struct parse_job {
	const struct input_kind *k;
	const struct model_opts *o;
	struct source *src[PARSE_BATCH];
	void *parsed[PARSE_BATCH];
	struct findings fs[PARSE_BATCH];
};

static void
parse_one(void *arg, size_t i)
{
	struct parse_job *pj = arg;

	if (pj->src[i] != NULL)
		pj->parsed[i] = pj->k->parse(pj->o, pj->src[i], &pj->fs[i]);
}

static void
read_parallel(struct gl_launches *out, const struct model_opts *o,
    const struct input_kind *k, const struct input_files *files,
    struct findings *fs)
{
	struct parse_job *pj = xcalloc(1, sizeof(*pj));
	const struct input_file *batch[PARSE_BATCH];
	size_t j = 0, n, i, f;

	pj->k = k;
	pj->o = o;
	while (j < files->n) {
		for (n = 0; j < files->n && n < PARSE_BATCH; j++)
			if (files->v[j].kind->read == k->read)
				batch[n++] = &files->v[j];
		for (i = 0; i < n; i++) {
			pj->src[i] = set_read(out, batch[i]);
			pj->parsed[i] = NULL;
			memset(&pj->fs[i], 0, sizeof(pj->fs[i]));
		}
		pool_run(n, o->jobs, parse_one, pj);
		for (i = 0; i < n; i++) {
			for (f = 0; f < pj->fs[i].n; f++)
				VEC_PUSH(fs, pj->fs[i].v[f]);
			free(pj->fs[i].v); /* the findings moved, not copied */
			if (pj->src[i] != NULL)
				k->take(out, o, batch[i], pj->src[i],
				    pj->parsed[i], fs);
		}
	}
	free(pj);
}

/*
 * Each kind's files in input order; kinds that share a reader are read
 * together, once, in the order of the kinds table.  deps: only the
 * dependency files (read before any launch is built), else the others.
 */
static void
read_files(struct gl_launches *out, const struct model_opts *o,
    const struct input_files *files, struct findings *fs, int deps)
{
	const struct input_kind *k, *prev;
	size_t i, j, p;

	for (i = 0; i < kind_count(); i++) {
		k = kind_at(i);
		if ((k->read == deps_read) != deps)
			continue;
		for (p = 0, prev = NULL; p < i && prev == NULL; p++)
			if (kind_at(p)->read == k->read)
				prev = kind_at(p);
		if (prev != NULL)
			continue; /* read with an earlier kind */
		if (k->parse != NULL && o->jobs > 1)
			read_parallel(out, o, k, files, fs);
		else
			for (j = 0; j < files->n; j++)
				if (files->v[j].kind->read == k->read)
					k->read(out, o, &files->v[j], fs);
		if (k->finish != NULL)
			k->finish(out, o, fs);
	}
	for (i = 0; !deps && i < kind_count(); i++)
		if (kind_at(i)->after != NULL)
			kind_at(i)->after(out, o, fs);
}

int
model_collect(const struct model_opts *o, struct gl_launches *out,
    struct findings *fs)
{
	struct input_files files;
	struct launch_base lo;
	char *cwd;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&lo, 0, sizeof(lo));
	lo.version = o->version;
	if ((rc = walk_collect(o->paths, o->npaths, o->stdin_kind,
	    o->stdin_name, o->cfg, &files)) != 0)
		return rc;
	out->unreadable = files.errors;
	cwd = startup_cwd();
	/*
	 * The gunicorn format emulates a start on this machine.  Otherwise the
	 * launch runs in a container: Docker's defaults are WORKDIR / and
	 * root, until a Dockerfile or manifest says otherwise.
	 */
	lo.check_host = o->check_host;
	lo.cwd = o->check_host ? cwd : "/";
	lo.uid = o->check_host ? (long)geteuid() : 0;
	lo.gid = o->check_host ? (long)getegid() : 0;
	lo.cpus = o->cpus;
	lo.root = o->root;
	out->base = &lo;
	/* Dependency files first: every launch may use them. */
	read_files(out, o, &files, fs, 1);
	for (i = 0; i < o->nargs; i++)
		one_launch(out, o, &lo, src_new("GUNICORN_CMD_ARGS",
		    o->args[i], strlen(o->args[i])));
	if (o->nargs == 0 && (o->use_env || o->ncmdline > 0))
		one_launch(out, o, &lo, NULL);
	out->nfiles = out->n + files.n; /* each --args value counts as one */
	read_files(out, o, &files, fs, 0);
	/* No launch is begun after this: the array grown by doubling is
	 * given its size (pointers into it are taken from here on). */
	VEC_FIT(out);
	out->base = NULL;
	out->paths = xcalloc(files.n + 1, sizeof(*out->paths));
	for (i = 0; i < files.n; i++)
		out->paths[out->npaths++] = xstrdup(files.v[i].path);
	walk_free(&files);
	free(cwd);
	return 0;
}

struct source *
set_read(struct gl_launches *set, const struct input_file *f)
{
	struct source *src = f->src != NULL ? f->src :
	    src_read_file(f->path, NULL);
	struct set_file sf;

	if (src == NULL) {
		gl_error("'%s': %s", f->path, src_read_error());
		set->unreadable++;
		return NULL;
	}
	memset(&sf, 0, sizeof(sf));
	sf.src = src;
	sf.kind = f->kind;
	VEC_PUSH(&set->files, sf);
	return src;
}

struct source *
set_read_lines(struct gl_launches *set, const struct input_file *f,
    struct findings *fs)
{
	struct source *src = set_read(set, f);

	return src != NULL && set_lines_ok(src, fs) ? src : NULL;
}

int
set_lines_ok(const struct source *src, struct findings *fs)
{
	unsigned line = src_long_line(src, SET_MAX_LINE);

	if (line == 0)
		return 1;
	fnd_add(fs, "GL013", span_make(src, src->line_off[line - 1], 0),
	    "line %u is longer than %d KiB: the file is not checked", line,
	    SET_MAX_LINE >> 10);
	return 0;
}

void
model_free(struct gl_launches *ls)
{
	size_t i, j;

	for (i = 0; i < ls->n; i++) {
		launch_free(ls->v[i].model);
		sw_words_free(&ls->v[i].argv);
		free(ls->v[i].env.v);
		for (j = 0; j < ls->v[i].offmaps.n; j++)
			free(ls->v[i].offmaps.v[j]);
		free(ls->v[i].offmaps.v);
		free(ls->v[i].runtime.v);
		free(ls->v[i].id);
		free((char *)ls->v[i].anchor_file);
		launch_conf_free(ls->v[i].conf);
	}
	free(ls->v);
	for (i = 0; i < ls->npaths; i++)
		free((char *)ls->paths[i]);
	free(ls->paths);
	k8s_free(ls->ks);
	for (i = 0; i < ls->docs.n; i++)
		ydoc_free(ls->docs.v[i]);
	free(ls->docs.v);
	for (i = 0; i < ls->dfs.n; i++)
		df_free(ls->dfs.v[i]);
	free(ls->dfs.v);
	for (i = 0; i < ls->envs.n; i++)
		env_free(ls->envs.v[i].ef);
	free(ls->envs.v);
	for (i = 0; i < ls->procs.n; i++)
		proc_free(ls->procs.v[i]);
	free(ls->procs.v);
	deps_free_all(ls);
	for (i = 0; i < ls->sds.n; i++)
		sd_free(ls->sds.v[i]);
	free(ls->sds.v);
	for (i = 0; i < ls->envfiles.n; i++)
		env_free(ls->envfiles.v[i]);
	free(ls->envfiles.v);
	free(ls->files.v);
	pyconf_free_all(ls);
	for (i = 0; i < GV__COUNT; i++) {
		free(ls->defs[i]);
		av_table_free(ls->tables[i]);
		launch_defaults_free(ls->defaults[i], ls->ndefs[i]);
	}
	memset(ls, 0, sizeof(*ls));
}
