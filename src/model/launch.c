/*
 * launch.c: gunicorn's Application.load_config for one launch, step by
 * step (G@20.1.0 … main gunicorn/app/base.py and wsgiapp.py): import-time
 * defaults, the command line, the app module, GUNICORN_CMD_ARGS, the
 * config file, then the GUNICORN_CMD_ARGS and command-line values applied
 * in parser order, each through the setting's validator.
 */
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

/* GUNICORN_CMD_ARGS split and parsed; most launches have none. */
struct cmd_args {
	struct sw_words words;
	struct av_result r;
};

/* A value the launch owns, by its index in ctx.defs. */
struct owned {
	size_t i;
	struct launch_value *v;
};

struct launch {
	struct launch_ctx ctx;
	struct av_table *table;
	VEC(struct launch_env) env;
	const struct sw_word *argv;
	size_t argc;
	struct av_result cli;
	struct cmd_args *cmd;           /* NULL: no GUNICORN_CMD_ARGS */
	/*
	 * The values the launch owns, by index; once the defaults are
	 * loaded, any other index has the release's shared entry (own()
	 * copies it on write).  Most launches own a handful of the hundred
	 * settings: no pointer for each.
	 */
	VEC(struct owned) own;
	int loaded;
	const struct launch_value **sorted; /* by name, filled on demand */
	int has_error;
	struct launch_error err;
	VEC(char *) warnings;
	char *config_path;
	struct span config_span;
	enum launch_origin config_from;
	const char *app;
	struct span app_span;
	char *app_owned;
	char *current_cfg;              /* path of the config file being applied */
};

const char *
launch_origin_name(enum launch_origin o)
{
	static const char *const names[] = { "default", "environment default",
	    "application", "config file", "GUNICORN_CMD_ARGS", "command line" };

	return (size_t)o < sizeof(names) / sizeof(names[0]) ? names[o] : "?";
}

struct launch *
launch_new(const struct launch_ctx *ctx)
{
	struct launch *l = xcalloc(1, sizeof(*l));

	l->ctx = *ctx;
	if (ctx->table != NULL) {
		l->table = ctx->table;
	} else {
		l->table = av_table_new(ctx->defs, ctx->ndefs);
		av_table_set_dialect(l->table, ctx->dialect);
	}
	return l;
}

static void
value_clear(struct launch_value *v)
{
	pv_free(v->value);
	free(v->printed_);
	free(v->spans.v);
	v->value = NULL;
	v->printed_ = NULL;
	v->runtime = NULL;
	memset(&v->spans, 0, sizeof(v->spans));
}

static void
launch_env_drop(struct launch *l)
{
	size_t i;

	for (i = 0; i < l->env.n; i++) {
		free((char *)l->env.v[i].name);
		free((char *)l->env.v[i].value);
	}
	free(l->env.v);
	memset(&l->env, 0, sizeof(l->env));
}

void
launch_free(struct launch *l)
{
	size_t i;

	if (l == NULL)
		return;
	launch_env_drop(l);
	for (i = 0; i < l->own.n; i++) {
		value_clear(l->own.v[i].v);
		free(l->own.v[i].v);
	}
	free(l->own.v);
	free(l->sorted);
	av_result_free(&l->cli);
	if (l->cmd != NULL) {
		av_result_free(&l->cmd->r);
		sw_words_free(&l->cmd->words);
		free(l->cmd);
	}
	if (l->table != l->ctx.table)
		av_table_free(l->table);
	free(l->err.message);
	free(l->err.detail);
	for (i = 0; i < l->warnings.n; i++)
		free(l->warnings.v[i]);
	free(l->warnings.v);
	free(l->config_path);
	free(l->app_owned);
	free(l->current_cfg);
	free(l);
}

void
launch_set_env(struct launch *l, const struct launch_env *env, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct launch_env e = env[i];

		e.name = xstrdup(env[i].name);
		e.value = xstrdup(env[i].value);
		VEC_PUSH(&l->env, e);
	}
}

void
launch_set_argv(struct launch *l, const struct sw_word *argv, size_t n)
{
	l->argv = argv;
	l->argc = n;
}

static const struct launch_env *
launch_env_find(const struct launch *l, const char *name)
{
	size_t i;

	for (i = l->env.n; i > 0; i--)
		if (strcmp(l->env.v[i - 1].name, name) == 0)
			return &l->env.v[i - 1];
	return NULL;
}

static size_t
def_index(const struct launch *l, const char *name)
{
	const struct set_def *d = set_find(name, l->ctx.version);
	size_t i, lo = 0, hi = l->ctx.ndefs;

	/* ctx.defs from set_list_defined() are in definition order: find
	 * the release's entry by its order; any other table, by name */
	while (d != NULL && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (l->ctx.defs[mid] == d)
			return mid;
		if (l->ctx.defs[mid]->order < d->order)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = 0; i < l->ctx.ndefs; i++)
		if (strcmp(l->ctx.defs[i]->name, name) == 0)
			return i;
	return (size_t)-1;
}

/* Records the first stop; later ones are ignored. */
static void
stop(struct launch *l, int status, char *message, char *detail,
    struct span span, enum launch_origin origin)
{
	if (l->has_error) {
		free(message);
		free(detail);
		return;
	}
	l->has_error = 1;
	l->err.status = status;
	l->err.message = message;
	l->err.detail = detail;
	l->err.span = span;
	l->err.origin = origin;
}

/* ---- setting values ---------------------------------------------------- */

/* Where index i is, or would go, in l->own. */
static size_t
owned_at(const struct launch *l, size_t i)
{
	size_t lo = 0, hi = l->own.n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (l->own.v[mid].i < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Value i: the launch's own, the shared default, or NULL. */
static struct launch_value *
value_at(const struct launch *l, size_t i)
{
	size_t k = owned_at(l, i);
	struct launch_value *cache = l->ctx.default_cache;

	if (k < l->own.n && l->own.v[k].i == i)
		return l->own.v[k].v;
	if (l->loaded && cache != NULL && cache[i].def != NULL)
		return &cache[i];
	return NULL;
}

/*
 * Value i as the launch's own, to change: a copy of the shared default
 * when keep is set, else an empty entry (the caller replaces it whole).
 */
static struct launch_value *
own_entry(struct launch *l, size_t i, int keep)
{
	size_t k = owned_at(l, i);
	const struct launch_value *sh;
	struct launch_value *v;
	struct owned o;

	if (k < l->own.n && l->own.v[k].i == i)
		return l->own.v[k].v;
	sh = keep ? value_at(l, i) : NULL;
	v = xcalloc(1, sizeof(*v));
	if (sh != NULL) {
		v->def = sh->def;
		v->value = pv_copy(sh->value);
		v->origin = sh->origin;
		v->origin_name = sh->origin_name;
		v->runtime = sh->runtime;
	}
	o.i = i;
	o.v = v;
	VEC_GROW(&l->own);
	memmove(&l->own.v[k + 1], &l->own.v[k], (l->own.n - k) *
	    sizeof(*l->own.v));
	l->own.v[k] = o;
	l->own.n++;
	return v;
}

static struct launch_value *
own(struct launch *l, size_t i)
{
	return own_entry(l, i, 1);
}

static void
put(struct launch *l, size_t i, struct pyval *v, enum launch_origin o,
    const char *oname)
{
	/* every field is set here: a copy of the default would be freed */
	struct launch_value *lv = own_entry(l, i, 0);

	value_clear(lv);
	lv->def = l->ctx.defs[i];
	lv->value = v;
	lv->origin = o;
	lv->origin_name = oname;
}

/*
 * Setting.set(): runs the validator on `in` (not taken).  On failure
 * gunicorn stops with exit 1; config-file values first print "Invalid
 * value for NAME: VALUE".
 */
static int
set_value(struct launch *l, size_t i, const struct pyval *in,
    enum launch_origin o, const char *oname, struct span where)
{
	const struct set_def *d = l->ctx.defs[i];
	struct val_ctx vc;
	struct pyval *out = NULL;
	char *msg = NULL, *warn = NULL;

	memset(&vc, 0, sizeof(vc));
	vc.version = l->ctx.version;
	vc.cwd = l->ctx.cwd;
	vc.uid = l->ctx.uid;
	vc.gid = l->ctx.gid;
	vc.check_host = l->ctx.check_host;
	if (val_setting(&vc, d, in, &out, &msg, &warn) != VAL_OK) {
		char *detail = NULL;

		if (o == LO_CONFIG) {
			char *t = pv_str_text(in);

			detail = xasprintf("Invalid value for %s: %s", d->name, t);
			free(t);
		}
		stop(l, 1, xasprintf("Error: %s", msg), detail, where, o);
		free(msg);
		return -1;
	}
	if (warn != NULL)
		VEC_PUSH(&l->warnings, warn);
	put(l, i, out, o, oname);
	return 0;
}

/* The common defaults without the literal parser: 30, True, None. */
static struct pyval *
small_literal(const char *t)
{
	long long n = 0;
	size_t i;

	if (strcmp(t, "None") == 0)
		return pv_none();
	if (strcmp(t, "True") == 0 || strcmp(t, "False") == 0)
		return pv_bool(t[0] == 'T');
	for (i = 0; t[i] >= '0' && t[i] <= '9' && i < 18; i++)
		n = n * 10 + (t[i] - '0');
	if (i == 0 || t[i] != '\0' || (t[0] == '0' && i > 1))
		return NULL;
	return pv_int(n);
}

/* A default as the table prints it, made a typed value again. */
static struct pyval *
default_value(const struct launch *l, const struct set_def *d)
{
	const char *t = d->default_text ? d->default_text : "None";
	struct pyval *v;

	if (strcmp(t, "<startup cwd>") == 0)
		return pv_strz(l->ctx.cwd ? l->ctx.cwd : ".");
	if (strcmp(t, "<effective uid>") == 0)
		return pv_int(l->ctx.uid);
	if (strcmp(t, "<effective gid>") == 0)
		return pv_int(l->ctx.gid);
	switch (d->type) {
	case ST_STRING:
	case ST_CLASS:
	case ST_FILE:
	case ST_DIR:
	case ST_ENUM:
		if (strcmp(t, "None") == 0)
			return pv_none();
		return pv_strz(t);
	default:
		break;
	}
	if ((v = small_literal(t)) != NULL || (v = pv_parse_literal(t)) != NULL)
		return v;
	return pv_object(t);
}

/* Defaults computed when gunicorn.config is imported (section 4). */
static void
env_defaults(struct launch *l)
{
	const struct launch_env *e;
	struct pyval *v;
	size_t i;

	if ((e = launch_env_find(l, "WEB_CONCURRENCY")) != NULL &&
	    (i = def_index(l, "workers")) != (size_t)-1) {
		/* int(os.environ[...]) in the class body: a crash on import. */
		if ((v = val_py_int(e->value, strlen(e->value), 10)) == NULL) {
			char *m = val_literal_error(e->value, strlen(e->value),
			    10);

			stop(l, 1, xasprintf("ValueError: %s", m), xstrdup(
			    "uncaught exception (traceback)"), e->span,
			    LO_ENV_DEFAULT);
			free(m);
			return;
		}
		if (set_value(l, i, v, LO_ENV_DEFAULT, "WEB_CONCURRENCY",
		    e->span) == 0)
			VEC_PUSH(&own(l, i)->spans, e->span);
		pv_free(v);
	}
	if ((e = launch_env_find(l, "PORT")) != NULL &&
	    (i = def_index(l, "bind")) != (size_t)-1) {
		char *b = xasprintf("0.0.0.0:%s", e->value);

		v = pv_list();
		pv_append(v, pv_strz(b));
		free(b);
		if (set_value(l, i, v, LO_ENV_DEFAULT, "PORT", e->span) == 0)
			VEC_PUSH(&own(l, i)->spans, e->span);
		pv_free(v);
	}
	if ((e = launch_env_find(l, "FORWARDED_ALLOW_IPS")) != NULL &&
	    (i = def_index(l, "forwarded_allow_ips")) != (size_t)-1) {
		v = pv_strz(e->value);
		if (set_value(l, i, v, LO_ENV_DEFAULT, "FORWARDED_ALLOW_IPS",
		    e->span) == 0)
			VEC_PUSH(&own(l, i)->spans, e->span);
		pv_free(v);
	}
}

/*
 * 25.2+ control_socket: $XDG_RUNTIME_DIR/gunicorn.ctl when that is a
 * directory, else ~/.gunicorn/gunicorn.ctl (G@25.2.0 config.py
 * _get_default_control_socket).  Only for table entries whose default
 * mentions XDG_RUNTIME_DIR.
 */
static void
control_socket_default(struct launch *l)
{
	size_t i = def_index(l, "control_socket");
	const struct launch_env *x = launch_env_find(l, "XDG_RUNTIME_DIR");
	const struct launch_env *h = launch_env_find(l, "HOME");
	const char *t;
	char *path;

	if (i == (size_t)-1 || (t = l->ctx.defs[i]->default_text) == NULL ||
	    strstr(t, "XDG_RUNTIME_DIR") == NULL)
		return;
	if (x != NULL && *x->value != '\0') {
		size_t n = strlen(x->value);

		path = xasprintf("%s%sgunicorn.ctl", x->value,
		    x->value[n - 1] == '/' ? "" : "/");
		put(l, i, pv_strz(path), LO_ENV_DEFAULT, "XDG_RUNTIME_DIR");
		VEC_PUSH(&own(l, i)->spans, x->span);
	} else {
		path = xasprintf("%s/.gunicorn/gunicorn.ctl", h != NULL ?
		    h->value : "~");
		put(l, i, pv_strz(path), h ? LO_ENV_DEFAULT : LO_DEFAULT,
		    h ? "HOME" : "default");
	}
	free(path);
}

/* A default that is the same for every launch of the release: not one
 * of default_value()'s three that come from the launch's context. */
static int
default_constant(const struct set_def *d)
{
	const char *t = d->default_text;

	return t == NULL || (strcmp(t, "<startup cwd>") != 0 &&
	    strcmp(t, "<effective uid>") != 0 &&
	    strcmp(t, "<effective gid>") != 0);
}

void
launch_defaults_free(struct launch_value *cache, size_t ndefs)
{
	size_t i;

	for (i = 0; cache != NULL && i < ndefs; i++)
		value_clear(&cache[i]);
	free(cache);
}

/*
 * Every setting at its default.  A constant one is the release's shared
 * entry when there is a cache: a run over thousands of manifests would
 * otherwise hold a hundred values for each launch that only repeat the
 * table.
 */
static void
load_defaults(struct launch *l)
{
	struct launch_value *cache = l->ctx.default_cache, *e;
	const struct set_def *d;
	size_t i, k;

	for (i = 0; i < l->ctx.ndefs; i++) {
		d = l->ctx.defs[i];
		if (cache == NULL || !default_constant(d)) {
			put(l, i, default_value(l, d), LO_DEFAULT, "default");
			continue;
		}
		e = &cache[i];
		if (e->def == NULL) {
			e->def = d;
			e->value = default_value(l, d);
			e->origin = LO_DEFAULT;
			e->origin_name = "default";
		}
		/* the shared entry replaces a value of the launch's own */
		if ((k = owned_at(l, i)) < l->own.n && l->own.v[k].i == i) {
			value_clear(l->own.v[k].v);
			free(l->own.v[k].v);
			memmove(&l->own.v[k], &l->own.v[k + 1], (l->own.n -
			    k - 1) * sizeof(*l->own.v));
			l->own.n--;
		}
	}
	l->loaded = 1;
	control_socket_default(l);
	env_defaults(l);
}

static struct span
occurrence_span(const struct av_opt *o)
{
	if (o->value_span.src == o->opt_span.src && o->value != NULL &&
	    o->value_span.src != NULL)
		return span_join(o->opt_span, o->value_span);
	return o->opt_span;
}

/*
 * The loop over vars(namespace): settings in parser order, each with the
 * value argparse left (the last occurrence, or every occurrence for
 * append).  The first validator error stops everything.
 */
static int
apply_parsed(struct launch *l, const struct av_result *r,
    enum launch_origin o, const char *oname)
{
	size_t i, k;

	for (i = 0; i < l->ctx.ndefs; i++) {
		const struct set_def *d = l->ctx.defs[i];
		const struct av_opt *last = NULL;
		struct pyval *list = pv_list();
		VEC(struct span) spans = { NULL, 0, 0 };
		struct launch_value *mine;
		int rc;

		for (k = 0; k < r->opts.n; k++) {
			if (r->opts.v[k].def != d || r->opts.v[k].typed == NULL)
				continue;
			last = &r->opts.v[k];
			pv_append(list, pv_copy(last->typed));
			VEC_PUSH(&spans, occurrence_span(last));
		}
		if (last == NULL || (d->action != SA_APPEND &&
		    last->typed->kind == PV_NONE)) {
			pv_free(list);
			free(spans.v);
			continue;
		}
		rc = set_value(l, i, d->action == SA_APPEND ? list :
		    last->typed, o, oname, d->action == SA_APPEND ?
		    spans.v[0] : last->value ? last->value_span :
		    last->opt_span);
		pv_free(list);
		if (rc != 0) {
			free(spans.v);
			return -1;
		}
		mine = own(l, i);
		free(mine->spans.v);
		mine->spans.v = spans.v;
		mine->spans.n = spans.n;
		mine->spans.cap = spans.cap;
	}
	return 0;
}

/* argparse stopped: an error (exit 2) or -h/--version (exit 0). */
static int
parse_stopped(struct launch *l, const struct av_result *r,
    enum launch_origin o)
{
	if (r->err.code != AV_OK) {
		stop(l, 2, xasprintf("gunicorn: error: %s", r->err.message),
		    NULL, r->err.span, o);
		return 1;
	}
	if (r->exit_action == AV_HELP || r->exit_action == AV_VERSION) {
		const struct av_opt *x = &r->opts.v[r->opts.n - 1];

		stop(l, 0, r->exit_action == AV_HELP ?
		    xstrdup("usage: gunicorn [OPTIONS] [APP_MODULE]") :
		    xasprintf("gunicorn (version %s)", l->ctx.version_name ?
		    l->ctx.version_name : "?"), NULL, x->opt_span, o);
		return 1;
	}
	return 0;
}

/* The value argparse stored for a store setting, or NULL. */
static const struct av_opt *
last_opt(const struct av_result *r, const char *name)
{
	size_t k;

	for (k = r->opts.n; k > 0; k--)
		if (r->opts.v[k - 1].def != NULL &&
		    strcmp(r->opts.v[k - 1].def->name, name) == 0)
			return &r->opts.v[k - 1];
	return NULL;
}

/* WSGIApplication.init: --paste, or the first positional as APP_MODULE. */
static void
app_init(struct launch *l)
{
	const struct av_opt *paste = last_opt(&l->cli, "paste");
	size_t i = def_index(l, "default_proc_name");
	struct pyval *v;

	if (paste != NULL && paste->value != NULL && paste->value_len > 0) {
		char *file = xstrndup(paste->value, strcspn(paste->value, "#"));

		/* gunicorn checks os.path.abspath(paste) before anything. */
		if (l->ctx.check_host && file[0] != '\0') {
			char *full = file[0] == '/' || !l->ctx.cwd ?
			    xstrdup(file) : xasprintf("%s/%s", l->ctx.cwd, file);
			FILE *fp = fopen(full, "r");

			if (fp == NULL) {
				struct pyval *f = pv_strz(full);
				char *r = pv_repr_text(f);

				stop(l, 1, xasprintf("Error: %s not found", r),
				    NULL, paste->value_span, LO_CLI);
				free(r);
				pv_free(f);
			} else
				fclose(fp);
			free(full);
		}
		l->app_owned = xstrdup(paste->value);
		l->app = l->app_owned;
		l->app_span = paste->value_span;
		v = pv_strz(file);
		if (i != (size_t)-1 && !l->has_error)
			set_value(l, i, v, LO_APP, "--paste", paste->value_span);
		pv_free(v);
		free(file);
		return;
	}
	if (l->cli.positionals.n == 0)
		return;
	l->app = l->cli.positionals.v[0].value;
	l->app_span = l->cli.positionals.v[0].span;
	v = pv_strz(l->app);
	if (i != (size_t)-1 && set_value(l, i, v, LO_APP, "APP_MODULE",
	    l->app_span) == 0)
		VEC_PUSH(&own(l, i)->spans, l->app_span);
	pv_free(v);
}

/* shlex.split(GUNICORN_CMD_ARGS), then the same parser. */
static int
parse_cmd_args(struct launch *l)
{
	const struct launch_env *e = launch_env_find(l, "GUNICORN_CMD_ARGS");
	struct sw_error se;

	if (e == NULL)
		return 0;
	l->cmd = xcalloc(1, sizeof(*l->cmd));
	if (sw_split(e->value, strlen(e->value), e->span.src, e->span.off,
	    e->offmap, &l->cmd->words, &se) != 0) {
		stop(l, 1, xasprintf("Error: %s", se.message), NULL, se.span,
		    LO_CMD_ARGS);
		return -1;
	}
	av_parse(l->table, l->cmd->words.v, l->cmd->words.n, &l->cmd->r);
	return parse_stopped(l, &l->cmd->r, LO_CMD_ARGS) ? -1 : 0;
}

/* Which config file gunicorn executes, and the callback that reads it. */
static int
config_file(struct launch *l)
{
	const struct av_opt *c = last_opt(&l->cli, "config");
	enum launch_cfg_status st = LAUNCH_CFG_UNKNOWN;
	int is_default = 0;

	l->config_from = LO_CLI;
	if (c == NULL || c->value == NULL || c->value_len == 0) {
		c = l->cmd ? last_opt(&l->cmd->r, "config") : NULL;
		l->config_from = LO_CMD_ARGS;
	}
	if (c != NULL && c->value != NULL && c->value_len > 0) {
		l->config_path = xstrdup(c->value);
		l->config_span = c->value_span;
	} else {
		l->config_path = l->ctx.cwd ? xasprintf("%s/gunicorn.conf.py",
		    l->ctx.cwd) : xstrdup("./gunicorn.conf.py");
		l->config_from = LO_DEFAULT;
		is_default = 1;
	}
	if (l->ctx.load_config != NULL) {
		l->current_cfg = xstrdup(l->config_path);
		st = l->ctx.load_config(l->ctx.load_config_arg, l,
		    l->config_path, l->config_span, is_default);
	}
	if (st == LAUNCH_CFG_MISSING && is_default) {
		free(l->config_path);
		l->config_path = NULL;
	} else if (st == LAUNCH_CFG_MISSING) {
		const char *f = l->config_path;
		struct pyval *p;
		char *r;

		if (strncmp(f, "file:", 5) == 0)
			f += 5;
		p = pv_strz(f);
		r = pv_repr_text(p);
		stop(l, 1, xasprintf("Error: %s doesn't exist", r), NULL,
		    l->config_span, l->config_from);
		free(r);
		pv_free(p);
	}
	return l->has_error ? -1 : 0;
}

void
launch_config_failed(struct launch *l, const char *exception, struct span at)
{
	stop(l, 1, xstrdup(exception), xasprintf("Failed to read config "
	    "file: %s", l->config_path ? l->config_path : "?"),
	    at.src != NULL ? at : l->config_span, l->config_from);
}

int
launch_config_runtime(struct launch *l, const char *name, struct span span,
    const char *why)
{
	size_t i = def_index(l, name);
	struct launch_value *lv;

	if (i == (size_t)-1 || l->has_error)
		return 0;
	lv = own(l, i);
	/* The value stays the default's, but set by the file: rules
	 * treat it as given and drop what they say at its span. */
	value_clear(lv);
	lv->value = default_value(l, l->ctx.defs[i]);
	lv->origin = LO_CONFIG;
	lv->origin_name = l->current_cfg ? l->current_cfg : "config file";
	lv->runtime = why;
	VEC_PUSH(&lv->spans, span);
	return 1;
}

int
launch_apply_config(struct launch *l, const char *name, struct pyval *v,
    struct span span)
{
	size_t i = def_index(l, name);
	int rc = 0;

	/* Unknown names (and other cases) are ignored, as gunicorn does. */
	if (i != (size_t)-1 && !l->has_error) {
		rc = set_value(l, i, v, LO_CONFIG, l->current_cfg ?
		    l->current_cfg : "config file", span);
		if (rc == 0)
			VEC_PUSH(&own(l, i)->spans, span);
	}
	pv_free(v);
	return rc;
}

const char *
launch_cwd(const struct launch *l)
{
	return l->ctx.cwd;
}

static int
eval_steps(struct launch *l)
{
	load_defaults(l);
	if (l->has_error)
		return 1;
	av_parse(l->table, l->argv, l->argc, &l->cli);
	if (parse_stopped(l, &l->cli, LO_CLI))
		return 1;
	app_init(l);
	if (l->has_error || parse_cmd_args(l) != 0 || config_file(l) != 0)
		return 1;
	if (l->cmd && apply_parsed(l, &l->cmd->r, LO_CMD_ARGS,
	    "GUNICORN_CMD_ARGS") != 0)
		return 1;
	if (apply_parsed(l, &l->cli, LO_CLI, "command line") != 0)
		return 1;
	if (l->app == NULL && !l->ctx.cli_unknown) {
		const struct launch_value *w = launch_get(l, "wsgi_app");

		if (w != NULL && w->value != NULL && w->value->kind == PV_STR) {
			l->app = w->value->s;
			l->app_span = w->spans.n ? w->spans.v[0] :
			    span_make(NULL, 0, 0);
		} else {
			stop(l, 1, xstrdup("Error: No application module "
			    "specified."), NULL, span_make(NULL, 0, 0), LO_CLI);
			return 1;
		}
	}
	return 0;
}

/*
 * What the evaluation leaves is only read from now on: the copy of the
 * environment goes (only the steps read it), the rest keeps no spare
 * room.
 */
static void
fit(struct launch *l)
{
	size_t i;

	launch_env_drop(l);
	av_result_fit(&l->cli);
	if (l->cmd != NULL) {
		av_result_fit(&l->cmd->r);
		VEC_FIT(&l->cmd->words);
	}
	VEC_FIT(&l->warnings);
	VEC_FIT(&l->own);
	for (i = 0; i < l->own.n; i++)
		VEC_FIT(&l->own.v[i].v->spans);
}

int
launch_eval(struct launch *l)
{
	int rc = eval_steps(l);

	fit(l);
	return rc;
}

/* ---- reading the result ------------------------------------------------- */

const struct launch_error *
launch_error(const struct launch *l)
{
	return l->has_error ? &l->err : NULL;
}

size_t
launch_warnings(const struct launch *l, const char *const **msgs)
{
	*msgs = (const char *const *)l->warnings.v;
	return l->warnings.n;
}

void
launch_warn(struct launch *l, const char *text)
{
	VEC_PUSH(&l->warnings, xstrdup(text));
}

const struct launch_value *
launch_get(const struct launch *l, const char *name)
{
	size_t i = def_index(l, name);
	const struct launch_value *v;

	if (i == (size_t)-1 || (v = value_at(l, i)) == NULL || v->def == NULL)
		return NULL;
	return v;
}

static int
by_name(const void *a, const void *b)
{
	const struct launch_value *x = *(const struct launch_value *const *)a;
	const struct launch_value *y = *(const struct launch_value *const *)b;

	return strcmp(x->def->name, y->def->name);
}

size_t
launch_values(const struct launch *l, const struct launch_value *const **out)
{
	struct launch *m = (struct launch *)l; /* the sorted view is a cache */
	const struct launch_value *v;
	size_t i, n = 0;

	/* pointers, not copies: a launch's values are kept all run long */
	if (m->sorted == NULL)
		m->sorted = xcalloc(l->ctx.ndefs + 1, sizeof(*m->sorted));
	for (i = 0; i < l->ctx.ndefs; i++)
		if ((v = value_at(l, i)) != NULL && v->def != NULL)
			m->sorted[n++] = v;
	qsort(m->sorted, n, sizeof(*m->sorted), by_name);
	*out = m->sorted;
	return n;
}

const char *
launch_app_module(const struct launch *l, struct span *span)
{
	if (span != NULL)
		*span = l->app_span;
	return l->app;
}

const struct av_result *
launch_cli(const struct launch *l)
{
	return &l->cli;
}

const struct av_result *
launch_cmd_args(const struct launch *l)
{
	return l->cmd ? &l->cmd->r : NULL;
}

const struct sw_words *
launch_cmd_args_words(const struct launch *l)
{
	return l->cmd ? &l->cmd->words : NULL;
}

const char *
launch_config_file(const struct launch *l, struct span *span,
    enum launch_origin *from)
{
	if (span != NULL)
		*span = l->config_span;
	if (from != NULL)
		*from = l->config_from;
	return l->config_path;
}

const char *
launch_value_printed(const struct launch_value *v)
{
	struct launch_value *m = (struct launch_value *)v; /* a cache */

	if (m->printed_ == NULL)
		m->printed_ = pv_str_text(v->value);
	return m->printed_;
}

/* Config.__str__: "{name:{kmax}} = {value}" sorted by name. */
char *
launch_print_config(const struct launch *l)
{
	struct strbuf sb = STRBUF_INIT;
	const struct launch_value *const *v;
	size_t n = launch_values(l, &v), i, kmax = 0;

	for (i = 0; i < n; i++)
		if (strlen(v[i]->def->name) > kmax)
			kmax = strlen(v[i]->def->name);
	for (i = 0; i < n; i++)
		sb_addf(&sb, "%-*s = %s\n", (int)kmax, v[i]->def->name,
		    launch_value_printed(v[i]));
	return sb_detach(&sb);
}
