/*
 * from_procfile.c: a Procfile (Heroku, foreman, heroku local) or the
 * entrypoint: of an App Engine app.yaml as launches.  Each process whose
 * command runs gunicorn (after "cd x &&", env assignments, wrappers such
 * as "newrelic-admin run-program") is one launch of the words after
 * gunicorn.  The platform sets PORT when the process starts, so the launch
 * gets PORT (gunicorn's default bind is then 0.0.0.0:$PORT), and every
 * $NAME in the words is a runtime span: only the dyno's shell knows it.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model_int.h"

/* Where the platforms put the application: gunicorn's working directory. */
#define HEROKU_APP_DIR "/app"
#define APPENGINE_APP_DIR "/workspace"

int
procfile_claims(const char *path)
{
	char head[4096];
	size_t n;
	FILE *fp;

	if (proc_format_of(path) != PROC_APP_YAML)
		return 1;
	if ((fp = fopen(path, "rb")) == NULL)
		return 1; /* the reader says why it cannot be read */
	n = fread(head, 1, sizeof(head) - 1, fp);
	fclose(fp);
	head[n] = '\0';
	/* a Kubernetes manifest or a compose file that is named app.yaml */
	return strncmp(head, "apiVersion:", 11) != 0 &&
	    strstr(head, "\napiVersion:") == NULL &&
	    strncmp(head, "services:", 9) != 0 &&
	    strstr(head, "\nservices:") == NULL;
}

/* Whether word w is written as exactly s, unquoted. */
static int
written_as(const struct sw_word *w, const char *s)
{
	size_t n = strlen(s);

	return w->len == n && memcmp(w->value, s, n) == 0 && w->span.src &&
	    w->span.len == n &&
	    memcmp(w->span.src->text + w->span.off, s, n) == 0;
}

/* A shell operator that ends a simple command (&&, ||, ;, |, &). */
static int
is_operator(const struct sw_word *w)
{
	static const char *const ops[] = { "&&", "||", ";", "|", "&" };
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(*ops); i++)
		if (written_as(w, ops[i]))
			return 1;
	return 0;
}

/* "name;" as written: the word ends a command too. */
static int
ends_with_semicolon(const struct sw_word *w)
{
	return w->len > 1 && w->value[w->len - 1] == ';' && w->span.src &&
	    w->span.len > 0 &&
	    w->span.src->text[w->span.off + w->span.len - 1] == ';';
}

static int
is_assignment(const struct sw_word *w)
{
	size_t i;

	if (w->len == 0 || !(w->value[0] == '_' || (w->value[0] >= 'A' &&
	    w->value[0] <= 'Z') || (w->value[0] >= 'a' && w->value[0] <= 'z')))
		return 0;
	for (i = 1; i < w->len && w->value[i] != '='; i++)
		if (!(w->value[i] == '_' || (w->value[i] >= 'A' &&
		    w->value[i] <= 'Z') || (w->value[i] >= 'a' &&
		    w->value[i] <= 'z') || (w->value[i] >= '0' &&
		    w->value[i] <= '9')))
			return 0;
	return i < w->len;
}

/*
 * In words [a, b) of one simple command: the index of the first option
 * word of gunicorn (after "gunicorn" or "python -m gunicorn"), or -1.
 */
static long
gunicorn_args(const struct sw_words *ws, size_t a, size_t b)
{
	size_t i;

	for (i = a; i < b; i++) {
		const char *w = ws->v[i].value;

		if (strcmp(path_base(w), "gunicorn") == 0)
			return (long)i + 1;
		if (strncmp(path_base(w), "python", 6) != 0)
			continue;
		if (i + 2 < b && strcmp(ws->v[i + 1].value, "-m") == 0 &&
		    strcmp(ws->v[i + 2].value, "gunicorn") == 0)
			return (long)i + 3;
		if (i + 1 < b && strcmp(ws->v[i + 1].value, "-mgunicorn") == 0)
			return (long)i + 2;
	}
	return -1;
}

static size_t *
copy_off(const struct sw_word *w, size_t from)
{
	size_t *m;

	if (w->off == NULL)
		return NULL;
	m = xmalloc((w->len - from + 1) * sizeof(*m));
	memcpy(m, w->off + from, (w->len - from) * sizeof(*m));
	m[w->len - from] = w->span.off + w->span.len;
	return m;
}

/* Each $NAME or ${...} in a word, as a span of the source. */
static void
add_runtime(struct gl_launch *l, const struct sw_word *w)
{
	size_t i, k;

	for (i = 0; i + 1 < w->len; i++) {
		if (w->value[i] != '$')
			continue;
		k = i + 1;
		if (w->value[k] == '{') {
			while (k < w->len && w->value[k] != '}')
				k++;
		} else {
			while (k < w->len && (w->value[k] == '_' ||
			    (w->value[k] >= 'A' && w->value[k] <= 'Z') ||
			    (w->value[k] >= 'a' && w->value[k] <= 'z') ||
			    (w->value[k] >= '0' && w->value[k] <= '9')))
				k++;
			if (k == i + 1)
				continue;
			k--;
		}
		if (k >= w->len)
			k = w->len - 1;
		VEC_PUSH(&l->runtime, sw_value_span(w, i, k + 1 - i));
		i = k;
	}
}

/* The directory of the Procfile, and of "cd DIR &&" before gunicorn. */
static char *
local_dir(const char *path, const char *cd)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) :
	    xstrdup(".");
	char *r;

	if (cd == NULL)
		return dir;
	r = cd[0] == '/' ? xstrdup(cd) : xasprintf("%s/%s", dir, cd);
	free(dir);
	return r;
}

static void
one_process(struct gl_launches *set, const struct model_opts *o,
    const struct procfile *pf, const struct proc_entry *e, size_t a, size_t b, long at, const char *cd,
    int semicolon)
{
	static const char port_text[] = "$PORT";
	const struct sw_words *ws = &e->words;
	const char *app_dir = pf->format == PROC_APP_YAML ? APPENGINE_APP_DIR :
	    HEROKU_APP_DIR;
	struct launch_base lo = *set->base;
	const struct source *port;
	struct gl_launch *l;
	struct stat st;
	char *id, *dir, *conf;
	size_t i;

	/* on the platform (not when emulating a start on this machine) */
	if (!lo.check_host)
		lo.cwd = app_dir;
	if (cd != NULL && cd[0] == '/')
		lo.cwd = cd;
	else if (cd != NULL) {
		dir = xasprintf("%s/%s", lo.cwd, cd);
		lo.cwd = arena_strdup(pf->arena, dir);
		free(dir);
	}
	lo.cli_unknown = 0;
	/* its config file is beside the Procfile; the platform sets more
	 * variables (WEB_CONCURRENCY on Heroku) than the file shows */
	lo.file = pf->src->name;
	lo.env_open = 1;
	deps_choose(set, o, NULL, pf->src->name, &lo);
	id = xasprintf("%s:%s", pf->src->name, e->name);
	l = launch_begin(set, id, &lo);
	free(id);
	l->proc = e;
	l->procfile = pf;
	/* The platform sets PORT for the process; its value is not known. */
	port = src_new("the platform's PORT", port_text, strlen(port_text));
	launch_add_env(l, "PORT", port->text, span_make(port, 0, port->len),
	    NULL);
	VEC_PUSH(&l->runtime, span_make(port, 0, port->len));
	for (i = a; i < (size_t)at; i++) {
		const struct sw_word *w = &ws->v[i];
		const char *eq = strchr(w->value, '=');

		if (!is_assignment(w))
			break;
		launch_add_env(l, arena_strndup(pf->arena, w->value,
		    (size_t)(eq - w->value)), eq + 1, sw_value_span(w,
		    (size_t)(eq - w->value) + 1, w->len), copy_off(w,
		    (size_t)(eq - w->value) + 1));
		add_runtime(l, w);
	}
	for (i = (size_t)at; i < b; i++) {
		/* "app:app;" ends the command: the ; is the shell's */
		size_t len = ws->v[i].len - (semicolon && i + 1 == b);

		sw_push(&l->argv, ws->v[i].value, len, len < ws->v[i].len ?
		    sw_value_span(&ws->v[i], 0, len) : ws->v[i].span);
		l->argv.v[l->argv.n - 1].off = copy_off(&ws->v[i], 0);
		add_runtime(l, &ws->v[i]);
	}
	launch_finish(l, &lo, ws->v[at - 1].span);
	l->where.in_container = 1; /* a dyno, an App Engine instance */
	/* gunicorn reads ./gunicorn.conf.py of the app's directory itself */
	dir = local_dir(pf->src->name, cd);
	conf = xasprintf("%s/gunicorn.conf.py", dir);
	if (!lv_given(l, "config") && stat(conf, &st) == 0)
		l->where.config_unread = 1;
	free(conf);
	free(dir);
}

/* Whether a later line defines the same process type (it wins). */
static int
redefined(const struct procfile *pf, size_t i)
{
	size_t j;

	for (j = i + 1; j < pf->entries.n; j++)
		if (pf->entries.v[j].kind == PROC_PROCESS &&
		    strcmp(pf->entries.v[j].name, pf->entries.v[i].name) == 0)
			return 1;
	return 0;
}

/* The simple commands of one process; the first that runs gunicorn. */
static void
one_entry(struct gl_launches *set, const struct model_opts *o,
    const struct procfile *pf, const struct proc_entry *e)
{
	const struct sw_words *ws = &e->words;
	const char *cd = NULL;
	size_t a = 0, b, n;
	long at;
	int semi;

	n = ws->n;
	while (a < n) {
		for (b = a; b < n && !is_operator(&ws->v[b]) &&
		    !ends_with_semicolon(&ws->v[b]); b++)
			;
		semi = b < n && ends_with_semicolon(&ws->v[b]);
		if ((at = gunicorn_args(ws, a, b + semi)) >= 0) {
			one_process(set, o, pf, e, a, b + semi, at, cd, semi);
			return;
		}
		if (b - a == 2 && strcmp(ws->v[a].value, "cd") == 0)
			cd = ws->v[a + 1].value;
		a = b + 1;
	}
}

void
procfile_read(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct findings *fs)
{
	struct procfile *pf;
	struct source *src;
	size_t i;

	if ((src = set_read_lines(set, f, fs)) == NULL)
		return;
	pf = proc_parse(src, proc_format_of(f->path));
	VEC_PUSH(&set->procs, pf);
	for (i = 0; i < pf->errors.n; i++)
		fnd_add_text(fs, "GL001", pf->errors.v[i].span,
		    pf->errors.v[i].message, pf->errors.v[i].message_l10n);
	for (i = 0; i < pf->entries.n; i++)
		if (pf->entries.v[i].kind == PROC_PROCESS && !redefined(pf, i))
			one_entry(set, o, pf, &pf->entries.v[i]);
}
