/* inputs.c: from gunilint's options to evaluated launches (--args, --env, -- gunicorn ...). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inputs_int.h"

/*
 * The variables gunicorn itself reads while loading its configuration
 * (XDG_RUNTIME_DIR and HOME: the 25.2+ control_socket default).
 */
static const char *const config_env[] = {
	"GUNICORN_CMD_ARGS", "WEB_CONCURRENCY", "PORT", "FORWARDED_ALLOW_IPS",
	"XDG_RUNTIME_DIR", "HOME",
};

int
inputs_version(const struct gl_opts *o, enum gl_version *v)
{
	unsigned i;

	*v = GV_NEWEST;
	if (o->gunicorn_version == NULL || gv_parse(o->gunicorn_version, v) == 0)
		return 0;
	fprintf(stderr, "gunilint: unknown gunicorn release '%s'; known:",
	    o->gunicorn_version);
	for (i = 0; i < GV__COUNT; i++)
		fprintf(stderr, " %s", gv_name((enum gl_version)i));
	fputc('\n', stderr);
	return -1;
}

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

/*
 * What gunicorn finds when it opens the config file, on this machine: it
 * stops with "'PATH' doesn't exist" for a missing -c file.  gunilint runs
 * no Python, so an existing file stays unread (its values unknown).
 */
static enum launch_cfg_status
config_on_host(void *arg, struct launch *l, const char *path, struct span sp,
    int is_default)
{
	struct stat st;
	char *msg;

	(void)arg;
	(void)sp;
	(void)is_default;
	if (strncmp(path, "python:", 7) == 0)
		return LAUNCH_CFG_UNKNOWN;
	if (strncmp(path, "file:", 5) == 0)
		path += 5;
	if (stat(path, &st) != 0)
		return LAUNCH_CFG_MISSING;
	if (S_ISDIR(st.st_mode)) {
		/* Python's open() of a directory, inside gunicorn's loader. */
		msg = xasprintf("IsADirectoryError: [Errno 21] Is a directory: "
		    "'%s'", path);
		launch_config_failed(l, msg);
		free(msg);
	}
	return LAUNCH_CFG_UNKNOWN;
}

struct gl_launch *
launch_begin(struct gl_launches *out, const char *id,
    const struct launch_opts *lo)
{
	struct launch_ctx ctx;
	struct gl_launch *l;
	size_t n;

	VEC_GROW(out);
	l = &out->v[out->n++];
	memset(l, 0, sizeof(*l));
	l->id = xstrdup(id);
	if (out->defs[lo->version] == NULL) {
		n = set_list_defined(lo->version, NULL, 0);
		out->defs[lo->version] = xcalloc(n, sizeof(**out->defs));
		out->ndefs[lo->version] = set_list_defined(lo->version,
		    out->defs[lo->version], n);
	}
	memset(&ctx, 0, sizeof(ctx));
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
	if (lo->check_host)
		ctx.load_config = config_on_host;
	l->model = launch_new(&ctx);
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
program_words(int n, char **w)
{
	const char *base;

	if (n == 0)
		return 0;
	base = strrchr(w[0], '/') ? strrchr(w[0], '/') + 1 : w[0];
	if (strcmp(base, "gunicorn") == 0)
		return 1;
	if (n >= 3 && strncmp(base, "python", 6) == 0 &&
	    strcmp(w[1], "-m") == 0 && strcmp(w[2], "gunicorn") == 0)
		return 3;
	return 0;
}

/* The command line as one source, each word with its span in it. */
static void
cmdline_words(const struct gl_opts *o, struct sw_words *out)
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

void
launch_finish(struct gl_launch *l, const struct launch_opts *lo,
    struct span anchor)
{
	const struct launch_value *cfg;

	if (l->env.n)
		launch_set_env(l->model, l->env.v, l->env.n);
	if (l->argv.n)
		launch_set_argv(l->model, l->argv.v, l->argv.n);
	l->stopped = launch_eval(l->model) != 0;
	lint_launch_init(&l->lint, l->id, l->model, lo->version, anchor);
	lint_where_unknown(&l->lint.where);
	cfg = launch_get(l->model, "config");
	l->lint.where.config_unread = cfg != NULL && cfg->origin != LO_DEFAULT;
	l->lint.where.root = lo->root;
	if (lo->cpus > 0) {
		l->lint.where.cpus = lo->cpus;
		l->lint.where.cpus_from = "--cpus";
	}
}

/* One launch: an optional GUNICORN_CMD_ARGS source, --env, the command line. */
static void
one_launch(struct gl_launches *out, const struct gl_opts *o,
    const struct launch_opts *base, const struct source *args)
{
	struct launch_opts lo = *base;
	struct gl_launch *l;
	struct span anchor = { NULL, 0, 0 };
	const struct source *src;
	size_t i;

	lo.cli_unknown = o->ncmdline == 0;
	l = launch_begin(out, args ? "GUNICORN_CMD_ARGS" : o->use_env ?
	    "environment" : "command line", &lo);
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

int
inputs_collect(const struct gl_opts *o, int check_host,
    const struct gcfg *cfg, struct gl_launches *out, struct findings *fs)
{
	struct input_files files;
	struct launch_opts lo;
	enum file_kind stdin_kind = FK_UNKNOWN;
	char *cwd;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&lo, 0, sizeof(lo));
	if (inputs_version(o, &lo.version) < 0)
		return 2;
	if (o->kind != NULL && files_kind_parse(o->kind, &stdin_kind) < 0) {
		fprintf(stderr, "gunilint: unknown --kind '%s' (dockerfile, k8s, "
		    "compose, args)\n", o->kind);
		return 2;
	}
	if ((rc = files_collect(o->paths.v, o->paths.n, stdin_kind, cfg,
	    &files)) != 0)
		return rc;
	cwd = startup_cwd();
	/*
	 * The gunicorn format emulates a start on this machine.  Otherwise the
	 * launch runs in a container: Docker's defaults are WORKDIR / and
	 * root, until a Dockerfile or manifest says otherwise.
	 */
	lo.check_host = check_host;
	lo.cwd = check_host ? cwd : "/";
	lo.uid = check_host ? (long)geteuid() : 0;
	lo.gid = check_host ? (long)getegid() : 0;
	lo.cpus = o->cpus;
	lo.root = o->root;
	for (i = 0; i < o->args.n; i++)
		one_launch(out, o, &lo, src_new("GUNICORN_CMD_ARGS",
		    o->args.v[i], strlen(o->args.v[i])));
	if (o->args.n == 0 && (o->use_env || o->ncmdline > 0))
		one_launch(out, o, &lo, NULL);
	out->nfiles = out->n + files.n; /* each --args value counts as one */
	/* A file (or stdin) that holds a GUNICORN_CMD_ARGS value. */
	for (i = 0; i < files.n; i++) {
		struct source *src;
		size_t len;

		if (files.v[i].kind != FK_ARGS)
			continue;
		if ((src = inputs_read(out, files.v[i].path)) == NULL)
			continue;
		for (len = src->len; len > 0 && (src->text[len - 1] == '\n' ||
		    src->text[len - 1] == '\r'); len--)
			;
		one_launch(out, o, &lo, src_new(src->name, src->text, len));
	}
	input_docker_load(out, o, &lo, &files, fs);
	input_yaml_load(out, o, &lo, &files, fs);
	out->paths = xcalloc(files.n + 1, sizeof(*out->paths));
	for (i = 0; i < files.n; i++)
		out->paths[out->npaths++] = xstrdup(files.v[i].path);
	files_free(&files);
	free(cwd);
	return 0;
}

struct source *
inputs_read(struct gl_launches *ls, const char *path)
{
	struct source *src = strcmp(path, "-") == 0 ?
	    src_read_file("/dev/stdin", "<stdin>") : src_read_file(path, NULL);

	if (src == NULL) {
		fprintf(stderr, "gunilint: '%s': %s\n", path, strerror(errno));
		ls->unreadable++;
	}
	return src;
}

void
inputs_free(struct gl_launches *ls)
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
	for (i = 0; i < ls->sups.n; i++)
		sup_set_free(ls->sups.v[i]);
	free(ls->sups.v);
	for (i = 0; i < GV__COUNT; i++)
		free(ls->defs[i]);
	memset(ls, 0, sizeof(*ls));
}

/* argparse's error kinds → the GL0xx rule that reports them. */
static const char *
parse_rule(enum av_err code)
{
	switch (code) {
	case AV_ERR_AMBIGUOUS: return "GL004";
	case AV_ERR_EXPECTED_ARG: return "GL005";
	case AV_ERR_EXPLICIT_ARG: return "GL007";
	case AV_ERR_INVALID_TYPE: return "GL006";
	case AV_ERR_UNRECOGNIZED: return "GL003";
	case AV_OK: break;
	}
	return "GL006";
}

/* "did you mean --keep-alive?" for an unknown option word. */
static void
suggest_flag(struct finding *f, const char *word, enum gl_version v)
{
	const struct set_flag *flags;
	const char **names;
	const char *best;
	size_t i, n = set_flags(v, &flags), len = strcspn(word, "=");
	char *w = xstrndup(word, len);

	names = xcalloc(n + 1, sizeof(*names));
	for (i = 0; i < n; i++)
		names[i] = flags[i].flag;
	if (len > 2 && (best = str_nearest(w, names, n, len / 3 + 1, 0)) != NULL)
		fnd_set_help(f, "did you mean '%s'?", best);
	free(names);
	free(w);
}

void
inputs_parse_findings(const struct gl_launch *l, struct findings *fs)
{
	const struct launch_error *e = launch_error(l->model);
	const struct av_result *r;
	const char *rule, *msg;
	struct finding *f;

	if (e == NULL || e->status == 0)
		return;
	r = e->origin == LO_CMD_ARGS ? launch_cmd_args(l->model) :
	    e->origin == LO_CLI ? launch_cli(l->model) : NULL;
	msg = e->message;
	if (strncmp(msg, "gunicorn: error: ", 17) == 0)
		msg += 17;
	else if (strncmp(msg, "Error: ", 7) == 0)
		msg += 7;
	if (strstr(msg, "No closing quotation") || strstr(msg, "No escaped character"))
		rule = "GL002";
	else if (r != NULL && r->err.code != AV_OK)
		rule = parse_rule(r->err.code);
	else
		rule = "GL006";
	f = fnd_add(fs, rule, e->span.src ? e->span : l->lint.anchor,
	    "gunicorn stops (exit status %d): %s%s%s", e->status,
	    e->detail ? e->detail : "", e->detail ? ": " : "", msg);
	f->launch = xstrdup(l->id);
	if (strcmp(rule, "GL003") == 0 && r != NULL && r->unknown.n > 0)
		suggest_flag(f, l->stopped && e->origin == LO_CMD_ARGS ?
		    launch_cmd_args_words(l->model)->v[r->unknown.v[0]].value :
		    l->argv.v[r->unknown.v[0]].value, l->lint.version);
}
