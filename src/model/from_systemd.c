/*
 * from_systemd.c: systemd units as launches.  Every .service and .socket
 * file is read first (a socket may come after its service in the inputs);
 * then each .service whose ExecStart= runs gunicorn becomes one launch:
 * the words after gunicorn with their columns in the unit, Environment=
 * and EnvironmentFile= values as its environment, User= as the user it
 * runs as and WorkingDirectory= as gunicorn's start directory
 * (systemd.exec(5)).  A NAME.socket unit with ListenStream= hands gunicorn
 * its listening sockets (LISTEN_FDS), and gunicorn then ignores bind.
 *
 * EnvironmentFile= names a path on the machine that runs the unit.  With
 * --root that machine's files are under DIR and the file is read from
 * there only (missing there, it is missing: GL538); when that machine is
 * this one (check_host) from the path itself; otherwise a file of the same
 * name beside the unit (deploy/app.service next to deploy/app.env) is
 * taken for it.  A file found nowhere leaves the environment unknown: the
 * launch is then marked config_unread, as for a config file gunilint
 * cannot read.  The file is read as compose reads env files (quotes,
 * comments, "export"), which is how systemd reads them too, except that
 * compose also expands $NAME.  Drop-ins (the .conf files of NAME.service.d/
 * beside the unit) are read into it in name order, as systemd applies them.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model_int.h"

/* The environment a command sees: name -> value, last one wins. */
struct sd_envmap {
	VEC(struct launch_env) v;
	int unknown; /* an EnvironmentFile= could not be read: any name may be set */
	struct arena *arena; /* the unit's: names of env NAME=VALUE words */
};

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

static const char *
unit_name(const struct sd_unit *u)
{
	return u->name != NULL ? u->name : path_base(u->src->name);
}

/* A .socket by its name, or (stdin) by having a [Socket] section. */
static int
is_socket(const struct sd_unit *u)
{
	size_t i;

	if (u->name != NULL)
		return ends_with(u->name, ".socket");
	for (i = 0; i < u->assigns.n; i++)
		if (u->assigns.v[i].section != NULL &&
		    strcmp(u->assigns.v[i].section, "Socket") == 0)
			return 1;
	return 0;
}

/* The value bytes' offsets, one past the end included (the model's format). */
static size_t *
offs_copy(const size_t *off, size_t len)
{
	size_t *m;

	if (off == NULL)
		return NULL;
	m = xmalloc((len + 1) * sizeof(*m));
	if (len)
		memcpy(m, off, len * sizeof(*m));
	m[len] = len ? m[len - 1] + 1 : 0;
	return m;
}

static void
push_copy(struct sw_words *out, const struct sw_word *w)
{
	struct sw_word x;

	x.value = xstrndup(w->value, w->len);
	x.len = w->len;
	x.span = w->span;
	x.off = offs_copy(w->off, w->len);
	VEC_PUSH(out, x);
}

static const struct launch_env *
env_find(const struct sd_envmap *m, const char *name)
{
	size_t i;

	for (i = m->v.n; i-- > 0;)
		if (strcmp(m->v.v[i].name, name) == 0)
			return &m->v.v[i];
	return NULL;
}

/* offmap is taken: it goes to the launch, or is freed with the map. */
static void
env_put(struct sd_envmap *m, const char *name, const char *value,
    struct span span, size_t *offmap)
{
	struct launch_env e;

	memset(&e, 0, sizeof(e));
	e.name = name;
	e.value = value;
	e.span = span;
	e.offmap = offmap;
	VEC_PUSH(&m->v, e);
}

static void
env_release(struct sd_envmap *m, int keep_offmaps)
{
	size_t i;

	for (i = 0; !keep_offmaps && i < m->v.n; i++)
		free((size_t *)m->v.v[i].offmap);
	free(m->v.v);
}

/* ---- the unit's settings ------------------------------------------------- */

/* User= as a uid: 0 for root (systemd's default), numeric, 1 for a name. */
static long
unit_uid(const struct sd_unit *u)
{
	const struct sd_setting *s = sd_last_setting(u, SD_USER);
	const struct sd_assign *dyn = sd_get(u, "Service", "DynamicUser");
	const char *v;
	char *end;
	long uid;

	if (s == NULL)
		return dyn != NULL && sd_bool(dyn->value.value) == 1 ? 1 : 0;
	v = s->value.value;
	if (strcmp(v, "root") == 0)
		return 0;
	uid = strtol(v, &end, 10);
	if (end != v && *end == '\0')
		return uid;
	return 1; /* a named user: not root */
}

/* AmbientCapabilities= grants CAP_NET_BIND_SERVICE (1), or not (0). */
static int
net_bind_service(const struct sd_unit *u)
{
	size_t i;
	int on = 0;

	/* each line adds to the set; an empty one resets it, "~" inverts */
	for (i = 0; i < u->assigns.n; i++) {
		const struct sd_assign *a = &u->assigns.v[i];

		if (a->section == NULL || strcmp(a->section, "Service") != 0 ||
		    strcmp(a->key, "AmbientCapabilities") != 0)
			continue;
		if (a->value.len == 0)
			on = 0;
		else if (strstr(a->value.value, "CAP_NET_BIND_SERVICE") != NULL)
			on = a->value.value[0] != '~';
	}
	return on;
}

/* WorkingDirectory=, or "/" (a system instance's default). */
static const char *
unit_cwd(const struct sd_unit *u)
{
	const struct sd_setting *s = sd_last_setting(u, SD_WORKING_DIRECTORY);
	const struct sd_setting *user = sd_last_setting(u, SD_USER);
	const char *home;
	char *t;

	if (s == NULL)
		return "/";
	if (!s->home)
		return s->value.value;
	/* "~": the home of User=; only a guess for a named user */
	if (user == NULL || strcmp(user->value.value, "root") == 0)
		return "/root";
	t = xasprintf("/home/%s", user->value.value);
	home = arena_strdup(u->arena, t);
	free(t);
	return home;
}

/* ---- EnvironmentFile= ---------------------------------------------------- */

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * Where EnvironmentFile=path is on this disk (newly allocated), or NULL
 * when it cannot be found here (see the top of this file).
 */
static char *
env_file_local(const struct model_opts *o, const struct sd_unit *u,
    const char *path)
{
	const char *unit = u->src->name, *slash = strrchr(unit, '/');
	char *p;

	if (strpbrk(path, "*?[") != NULL)
		return NULL; /* a wildcard: which files match is the host's business */
	if (o->root != NULL) {
		p = xasprintf("%s%s", o->root, path);
		if (exists(p))
			return p;
		free(p);
		return NULL; /* the host's files are there, or nowhere */
	}
	if (o->check_host)
		return exists(path) ? xstrdup(path) : NULL;
	if (strcmp(unit, "<stdin>") == 0)
		return NULL;
	p = slash ? xasprintf("%.*s/%s", (int)(slash - unit), unit,
	    path_base(path)) : xstrdup(path_base(path));
	if (exists(p))
		return p;
	free(p);
	return NULL;
}

static void
read_env_file(struct gl_launches *set, const struct model_opts *o,
    const struct sd_unit *u, const struct sd_setting *s, struct sd_envmap *m)
{
	char *path = env_file_local(o, u, s->value.value);
	const struct source *src;
	struct env_file *ef;
	size_t i;

	if (path == NULL) {
		/* Known to be missing where the host's files are (GL538
		 * judges that); elsewhere it may hold anything. */
		if (o->root == NULL && !o->check_host)
			m->unknown = 1;
		return;
	}
	src = src_read_file(path, NULL);
	free(path);
	if (src == NULL) {
		m->unknown = 1;
		return;
	}
	ef = env_parse(src, ENV_COMPOSE, NULL, NULL);
	VEC_PUSH(&set->envfiles, ef);
	for (i = 0; i < ef->items.n; i++) {
		const struct env_item *it = &ef->items.v[i];

		if (it->kind == ENV_ASSIGN && memchr(it->value, '\0', it->len) ==
		    NULL)
			env_put(m, it->name, it->value, it->value_span,
			    offs_copy(it->off, it->len));
	}
}

/* Environment= (after the last reset), then each EnvironmentFile=. */
static void
unit_env(struct gl_launches *set, const struct model_opts *o,
    const struct sd_unit *u, struct sd_envmap *m)
{
	size_t i, first = 0, ffirst = 0;

	for (i = 0; i < u->envs.n; i++)
		if (u->envs.v[i].reset)
			first = i + 1;
	for (i = first; i < u->envs.n; i++) {
		const struct sd_env *e = &u->envs.v[i];
		size_t eq = strlen(e->name);

		env_put(m, e->name, e->value, e->value_span,
		    offs_copy(e->word.off + eq + 1, e->word.len - eq - 1));
	}
	for (i = 0; i < u->settings.n; i++)
		if (u->settings.v[i].key == SD_ENVIRONMENT_FILE &&
		    u->settings.v[i].reset)
			ffirst = i + 1;
	for (i = ffirst; i < u->settings.n; i++)
		if (u->settings.v[i].key == SD_ENVIRONMENT_FILE)
			read_env_file(set, o, u, &u->settings.v[i], m);
}

/* ---- the command -------------------------------------------------------- */

/* Python's own flags that may come before "-m gunicorn". */
static int
python_flag(const char *w)
{
	static const char *const flags[] = { "-u", "-O", "-OO", "-B", "-E",
	    "-s", "-S", "-I", "-b", "-bb", "-q" };
	size_t i;

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (strcmp(w, flags[i]) == 0)
			return 1;
	return 0;
}

/*
 * Whether program prog with arguments w[at..n) starts gunicorn (its own
 * script, or python -m gunicorn); *args is then the index of gunicorn's
 * first argument.
 */
static int
runs_gunicorn(const char *prog, const struct sw_word *w, size_t n, size_t at,
    size_t *args)
{
	const char *base = path_base(prog);

	if (strcmp(base, "gunicorn") == 0) {
		*args = at;
		return 1;
	}
	if (strncmp(base, "python", 6) != 0)
		return 0;
	for (; at < n && python_flag(w[at].value); at++)
		;
	if (at + 1 < n && strcmp(w[at].value, "-m") == 0 &&
	    strcmp(w[at + 1].value, "gunicorn") == 0) {
		*args = at + 2;
		return 1;
	}
	return 0;
}

static int
is_shell(const char *path)
{
	const char *b = path_base(path);

	return strcmp(b, "sh") == 0 || strcmp(b, "bash") == 0 ||
	    strcmp(b, "dash") == 0;
}

/* A word that ends a simple command in a shell script. */
static int
shell_separator(const struct sw_word *w)
{
	return strcmp(w->value, "&&") == 0 || strcmp(w->value, "||") == 0 ||
	    strcmp(w->value, ";") == 0 || strcmp(w->value, "|") == 0 ||
	    strcmp(w->value, "&") == 0;
}

struct sd_cmd {
	struct sw_words words; /* the words after gunicorn */
	VEC(struct span) runtime;
	char *cd;              /* a "cd DIR" before gunicorn in sh -c, or NULL */
	int shell_parent;      /* the shell stays gunicorn's parent */
};

/*
 * sh -c 'SCRIPT': the simple command of the script that runs gunicorn,
 * split as shlex does (the quoting these scripts use), each word keeping
 * its column in the unit.  Words the shell expands ($NAME, `...`) are
 * only known when it runs.  Returns whether gunicorn was found.
 */
static int
shell_script(const char *shell, const struct sw_word *script, struct sd_cmd *c)
{
	struct sw_words w = { 0 };
	struct sw_error err;
	size_t i = 0, k, end, args;
	int found = 0, isexec;

	if (sw_split(script->value, script->len, script->span.src, 0,
	    script->off, &w, &err) != 0) {
		sw_words_free(&w);
		return 0;
	}
	while (i < w.n && !found) {
		for (end = i; end < w.n && !shell_separator(&w.v[end]) &&
		    !ends_with(w.v[end].value, ";"); end++)
			;
		if (end < w.n && !shell_separator(&w.v[end]))
			w.v[end].value[--w.v[end].len] = '\0', end++;
		k = i;
		while (k < end && strchr(w.v[k].value, '=') != NULL &&
		    w.v[k].value[0] != '-')
			k++; /* NAME=value before the command */
		isexec = k < end && strcmp(w.v[k].value, "exec") == 0;
		k += isexec;
		if (k + 1 < end && strcmp(w.v[k].value, "cd") == 0)
			free(c->cd), c->cd = xstrdup(w.v[k + 1].value);
		if (k < end && runs_gunicorn(w.v[k].value, w.v, end, k + 1,
		    &args)) {
			found = 1;
			/*
			 * Without exec the shell forks gunicorn and waits:
			 * Debian's dash 0.5.12 always, while bash 5.2 execs
			 * the last command of the script itself (both seen).
			 */
			c->shell_parent = !isexec && !(strcmp(path_base(shell),
			    "bash") == 0 && end == w.n);
			for (k = args; k < end; k++) {
				push_copy(&c->words, &w.v[k]);
				if (strpbrk(w.v[k].value, "$`") != NULL)
					VEC_PUSH(&c->runtime, w.v[k].span);
			}
		}
		i = end < w.n && shell_separator(&w.v[end]) ? end + 1 : end;
	}
	sw_words_free(&w);
	return found;
}

/* The references of word wi, in order. */
static size_t
word_refs(const struct sd_exec *e, size_t wi, const struct sd_ref **out,
    size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < e->refs.n && n < max; i++)
		if (e->refs.v[i].word == wi)
			out[n++] = &e->refs.v[i];
	return n;
}

/*
 * What ${NAME}, ${NAME:-word} or ${NAME:+word} at text becomes when NAME
 * has value val (NULL: unset): the bytes and their count.
 */
static const char *
braced_value(const char *text, const struct sd_ref *r, const char *val,
    size_t *len)
{
	size_t nl = strlen(r->name);
	const char *op = text + 2 + nl;
	int set = val != NULL && *val != '\0';

	if (op[0] == ':' && (op[1] == '-' || op[1] == '+') &&
	    r->len >= nl + 5) {
		if ((op[1] == '-') != set) {
			*len = r->len - nl - 5; /* the word between op and } */
			return op + 2;
		}
		if (op[1] == '+') {
			*len = 0;
			return "";
		}
	}
	*len = val ? strlen(val) : 0;
	return val ? val : "";
}

/*
 * A word that is $NAME: the value split at whitespace, quotes respected,
 * each piece pointing where the value is written.  Unset, it is no word
 * at all; a value of an unread file is only known at run time.
 */
static void
expand_split(const struct sw_word *w, const struct sd_ref *r,
    const struct sd_envmap *m, struct sd_cmd *c)
{
	const struct launch_env *v = env_find(m, r->name);
	struct sw_words parts = { 0 };
	struct sw_error err;
	size_t i;

	if (v != NULL && sw_split(v->value, strlen(v->value), v->span.src,
	    v->span.off, v->offmap, &parts, &err) == 0) {
		for (i = 0; i < parts.n; i++)
			VEC_PUSH(&c->words, parts.v[i]); /* taken */
		free(parts.v);
		return;
	}
	sw_words_free(&parts);
	if (v != NULL || m->unknown) {
		push_copy(&c->words, w);
		VEC_PUSH(&c->runtime, w->span);
	}
}

/*
 * One word of the command as systemd passes it (replace_env_argv): a word
 * that is $NAME becomes the value split at whitespace (quotes respected),
 * each piece pointing where the value is written; ${NAME} is replaced in
 * place; "$$" is "$".  A name the unit does not set is empty unless an
 * unread EnvironmentFile= may set it: then the word is only known at run
 * time.
 */
static void
expand_word(const struct sd_exec *e, size_t wi, const struct sd_envmap *m,
    struct sd_cmd *c)
{
	const struct sw_word *w = &e->words.v[wi];
	const struct sd_ref *refs[16];
	size_t n = word_refs(e, wi, refs, 16), i, k, r = 0;
	int lit = (e->flags & SD_EXEC_NO_ENV_EXPAND) != 0, unknown = 0;
	const struct launch_env *v;
	struct strbuf sb = STRBUF_INIT;
	VEC(size_t) off = { 0 };
	struct sw_word x;

	if (n == 1 && refs[0]->mode == SD_REF_SPLIT) {
		expand_split(w, refs[0], m, c);
		return;
	}
	if (lit || (n == 0 && strstr(w->value, "$$") == NULL)) {
		push_copy(&c->words, w);
		return;
	}
	for (i = 0; i < w->len;) {
		if (r < n && refs[r]->from == i && refs[r]->mode == SD_REF_BRACED &&
		    ((v = env_find(m, refs[r]->name)) != NULL || !m->unknown)) {
			size_t vlen;
			const char *val = braced_value(w->value + i, refs[r],
			    v ? v->value : NULL, &vlen);

			/* the last byte on the "}": a span covers ${NAME} */
			for (k = 0; k < vlen; k++) {
				size_t at = k > 0 && k + 1 == vlen ?
				    w->off[i + refs[r]->len - 1] : w->off[i];

				sb_addch(&sb, val[k]);
				VEC_PUSH(&off, at);
			}
			i += refs[r++]->len;
			continue;
		}
		if (r < n && refs[r]->from == i) {
			/* ${NAME} an unread file may set; $NAME inside a
			 * word systemd passes as written */
			unknown |= refs[r]->mode == SD_REF_BRACED;
			r++;
		}
		if (w->value[i] == '$' && i + 1 < w->len && w->value[i + 1] == '$')
			i++;
		sb_addch(&sb, w->value[i]);
		VEC_PUSH(&off, w->off[i]);
		i++;
	}
	x.len = sb.len;
	x.value = sb_detach(&sb);
	x.span = w->span;
	k = x.len ? off.v[off.n - 1] + 1 : w->span.off;
	VEC_PUSH(&off, k);
	x.off = off.v;
	VEC_PUSH(&c->words, x);
	if (unknown)
		VEC_PUSH(&c->runtime, w->span);
}

/* sh -c SCRIPT: systemd expands ${NAME} in SCRIPT before the shell runs. */
static int
shell_args(const struct sd_exec *e, size_t wi, const struct sd_envmap *m,
    struct sd_cmd *c)
{
	struct sd_cmd script;
	size_t i;
	int r;

	memset(&script, 0, sizeof(script));
	expand_word(e, wi, m, &script);
	r = script.words.n == 1 && shell_script(e->words.v[0].value,
	    &script.words.v[0], c);
	for (i = 0; r && i < script.runtime.n; i++)
		VEC_PUSH(&c->runtime, script.runtime.v[i]);
	sw_words_free(&script.words);
	free(script.runtime.v);
	return r;
}

/*
 * /usr/bin/env [-i] [-u NAME] [NAME=VALUE...] PROGRAM ...: the index of
 * PROGRAM, each NAME=VALUE put in the environment gunicorn gets.
 */
static size_t
env_program(const struct sd_exec *e, size_t at, struct sd_envmap *m)
{
	const struct sw_word *w = e->words.v;
	const char *eq;

	while (at < e->words.n) {
		if (strcmp(w[at].value, "-u") == 0 ||
		    strcmp(w[at].value, "--unset") == 0)
			at += 2;
		else if (w[at].value[0] == '-')
			at++;
		else if ((eq = strchr(w[at].value, '=')) != NULL &&
		    eq != w[at].value) {
			size_t n = (size_t)(eq - w[at].value);

			env_put(m, arena_strndup(m->arena, w[at].value, n), eq + 1,
			    sw_value_span(&w[at], n + 1, w[at].len - n - 1),
			    offs_copy(w[at].off ? w[at].off + n + 1 : NULL,
			    w[at].len - n - 1));
			at++;
		} else
			break;
	}
	return at;
}

/*
 * The command's words after gunicorn; 0 when it does not run gunicorn.
 * With "@", words[1] is argv[0] and the program is still words[0].
 */
static int
command_words(const struct sd_exec *e, struct sd_envmap *m, struct sd_cmd *c)
{
	const struct sw_word *w = e->words.v;
	size_t a1 = (e->flags & SD_EXEC_ARGV0) ? 2 : 1, args, i, p;

	if (e->words.n < a1)
		return 0;
	if (strcmp(path_base(w[0].value), "env") == 0 &&
	    (p = env_program(e, a1, m)) < e->words.n &&
	    runs_gunicorn(w[p].value, w, e->words.n, p + 1, &args)) {
		for (i = args; i < e->words.n; i++)
			expand_word(e, i, m, c);
		return 1;
	}
	if (runs_gunicorn(w[0].value, w, e->words.n, a1, &args)) {
		for (i = args; i < e->words.n; i++)
			expand_word(e, i, m, c);
		return 1;
	}
	if (!is_shell(w[0].value))
		return 0;
	for (i = a1; i + 1 < e->words.n; i++)
		if (strcmp(w[i].value, "-c") == 0)
			return shell_args(e, i + 1, m, c);
	return 0;
}

/* The ExecStart= that runs gunicorn, after the last empty one. */
static const struct sd_exec *
gunicorn_exec(const struct sd_unit *u, struct sd_envmap *m, struct sd_cmd *c)
{
	size_t i, first = 0;

	for (i = 0; i < u->execs.n; i++)
		if (strcmp(u->execs.v[i].key, "ExecStart") == 0 &&
		    u->execs.v[i].reset)
			first = i + 1;
	for (i = first; i < u->execs.n; i++) {
		const struct sd_exec *e = &u->execs.v[i];
		size_t nenv = m->v.n;

		if (strcmp(e->key, "ExecStart") == 0 && command_words(e, m, c))
			return e;
		while (m->v.n > nenv) /* env NAME=VALUE of another program */
			free((size_t *)m->v.v[--m->v.n].offmap);
		sw_words_free(&c->words);
		c->runtime.n = 0;
		free(c->cd);
		c->cd = NULL;
		c->shell_parent = 0;
	}
	return NULL;
}

/* ---- sockets ------------------------------------------------------------ */

static int
has_listen_stream(const struct sd_unit *s)
{
	return sd_last_setting(s, SD_LISTEN_STREAM) != NULL;
}

/*
 * The service a socket unit starts: Service=, else its own name with
 * .service (Accept=yes: the template NAME@.service).
 */
static char *
socket_target(const struct sd_unit *s)
{
	const struct sd_assign *svc = sd_get(s, "Socket", "Service");
	const struct sd_assign *acc = sd_get(s, "Socket", "Accept");
	const char *name = unit_name(s);
	size_t n = ends_with(name, ".socket") ? strlen(name) - 7 : strlen(name);

	if (svc != NULL && svc->value.len > 0)
		return xstrdup(svc->value.value);
	if (acc != NULL && sd_bool(acc->value.value) == 1)
		return xasprintf("%.*s@.service", (int)n, name);
	return xasprintf("%.*s.service", (int)n, name);
}

static int
same_dir(const char *a, const char *b)
{
	size_t na = (size_t)(path_base(a) - a), nb = (size_t)(path_base(b) - b);

	return na == nb && strncmp(a, b, na) == 0;
}

/* The .socket among the inputs that activates service u: same folder first. */
static const struct sd_unit *
socket_of(const struct gl_launches *set, const struct sd_unit *u)
{
	const struct sd_unit *best = NULL;
	size_t i;
	char *t;

	if (u->name == NULL)
		return NULL;
	for (i = 0; i < set->sds.n; i++) {
		const struct sd_unit *s = set->sds.v[i];

		if (!is_socket(s) || !has_listen_stream(s))
			continue;
		t = socket_target(s);
		if (strcmp(t, u->name) == 0 && (best == NULL ||
		    same_dir(s->src->name, u->src->name)))
			best = s;
		free(t);
	}
	return best;
}

/* ---- the launch --------------------------------------------------------- */

/* --root DIR: where a path of the unit's host is on this disk, or NULL. */
static char *
host_local(const void *ctx, const char *path)
{
	char *p = xasprintf("%s%s", (const char *)ctx, path);

	if (path[0] == '/' && exists(p))
		return p;
	free(p);
	return NULL;
}

static void
one_service(struct gl_launches *set, const struct model_opts *o,
    const struct sd_unit *u)
{
	struct launch_base lo = *set->base;
	struct sd_envmap m = { { 0 }, 0, NULL };
	struct sd_cmd c;
	const struct sd_exec *e;
	struct gl_launch *l;
	const char *cwd = unit_cwd(u);
	char *t = NULL;
	size_t i;
	long uid;

	memset(&c, 0, sizeof(c));
	m.arena = u->arena;
	unit_env(set, o, u, &m); /* first: ExecStart= expands it */
	if ((e = gunicorn_exec(u, &m, &c)) == NULL) {
		env_release(&m, 0);
		return;
	}
	if (c.cd != NULL) {
		/* sh -c 'cd DIR && exec gunicorn ...' */
		cwd = t = c.cd[0] == '/' ? xstrdup(c.cd) : xasprintf("%s/%s",
		    strcmp(cwd, "/") == 0 ? "" : cwd, c.cd);
	}
	/* "+": the command runs with full privileges, whatever User= says */
	uid = (e->flags & SD_EXEC_PRIVILEGED) ? 0 : unit_uid(u);
	lo.uid = uid;
	lo.cli_unknown = 0;
	lo.cwd = arena_strdup(u->arena, cwd);
	lo.file = u->src->name; /* a gunicorn.conf.py beside the unit */
	lo.env_open = m.unknown; /* systemd passes only what the unit sets */
	deps_choose(set, o, NULL, u->src->name, &lo);
	free(t);
	free(c.cd);
	l = launch_begin(set, u->src->name, &lo);
	l->sd = u;
	l->sd_socket = socket_of(set, u);
	l->where.in_container = 0;
	l->where.run_uid = uid;
	l->where.net_bind_service = net_bind_service(u);
	l->where.shell_parent = c.shell_parent;
	if (o->root != NULL) {
		/* the config file -c names is on the host, under --root */
		l->where.file_local = host_local;
		l->where.file_local_ctx = o->root;
	}
	for (i = 0; i < m.v.n; i++)
		launch_add_env(l, m.v.v[i].name, m.v.v[i].value, m.v.v[i].span,
		    (size_t *)m.v.v[i].offmap);
	l->argv = c.words;
	for (i = 0; i < c.runtime.n; i++)
		VEC_PUSH(&l->runtime, c.runtime.v[i]);
	free(c.runtime.v);
	launch_finish(l, &lo, e->span);
	if (m.unknown)
		l->where.config_unread = 1;
	/* With --daemon gunicorn forks before it looks at LISTEN_PID, and
	 * the fork's pid is not the one systemd passed the sockets to; the
	 * same when a shell started gunicorn without exec. */
	if (l->sd_socket != NULL && !lv_bool(l, "daemon") && !c.shell_parent)
		l->where.socket_activated = 1;
	env_release(&m, 1);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The drop-ins systemd applies after the unit file: the .conf files of
 * the folder NAME.d beside it, in name order (systemd.unit(5)).  Each is
 * read as an input of its own, so its findings and suppressions are its.
 */
static void
read_dropins(struct gl_launches *set, const struct input_file *f,
    struct sd_unit *u)
{
	char *dir = xasprintf("%s.d", f->path);
	VEC(char *) names = { 0 };
	struct input_file in;
	struct dirent *d;
	struct source *src;
	DIR *dp;
	size_t i;

	if ((dp = opendir(dir)) != NULL) {
		while ((d = readdir(dp)) != NULL)
			if (d->d_name[0] != '.' && ends_with(d->d_name, ".conf"))
				VEC_PUSH(&names, xasprintf("%s/%s", dir, d->d_name));
		closedir(dp);
	}
	if (names.n > 1)
		qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	for (i = 0; i < names.n; i++) {
		in = *f;
		in.path = names.v[i];
		in.explicit_path = 0;
		if ((src = set_read(set, &in)) != NULL)
			sd_parse_dropin(u, src);
		free(names.v[i]);
	}
	free(names.v);
	free(dir);
}

/*
 * service_verify: more than one ExecStart= (after the last empty one) is
 * only for Type=oneshot; a drop-in that changes the command must empty
 * the list first.
 */
static void
second_exec_start(const struct sd_unit *u, struct findings *fs)
{
	const struct sd_assign *type = sd_get(u, "Service", "Type");
	const struct sd_exec *first = NULL;
	size_t i;

	if (type != NULL && strcmp(type->value.value, "oneshot") == 0)
		return;
	for (i = 0; i < u->execs.n; i++) {
		const struct sd_exec *e = &u->execs.v[i];

		if (strcmp(e->key, "ExecStart") != 0)
			continue;
		if (e->reset)
			first = NULL;
		else if (first == NULL)
			first = e;
		else {
			fnd_set_help(fnd_add(fs, "GL001", e->span, "systemd "
			    "refuses the unit: Service has more than one "
			    "ExecStart= setting, which is only allowed for "
			    "Type=oneshot services"), "put an empty ExecStart= "
			    "before this one to replace the first");
			return;
		}
	}
}

void
systemd_read(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct findings *fs)
{
	struct source *src;
	struct sd_unit *u;
	size_t i;

	(void)o;
	if ((src = set_read(set, f)) == NULL)
		return;
	u = sd_parse(src, strcmp(f->path, "-") == 0 ? NULL : path_base(f->path));
	if (strcmp(f->path, "-") != 0)
		read_dropins(set, f, u);
	/* the message after the colon is systemd's own, left as it logs it */
	for (i = 0; i < u->errors.n; i++)
		if (u->errors.v[i].warning)
			fnd_add(fs, "GL001", u->errors.v[i].span,
			    "systemd logs: %s", u->errors.v[i].message);
		else
			fnd_add(fs, "GL001", u->errors.v[i].span,
			    "systemd refuses the unit: %s",
			    u->errors.v[i].message);
	second_exec_start(u, fs);
	VEC_PUSH(&set->sds, u);
}

void
systemd_finish(struct gl_launches *set, const struct model_opts *o,
    struct findings *fs)
{
	size_t i;

	(void)fs;
	for (i = 0; i < set->sds.n; i++)
		if (!is_socket(set->sds.v[i]))
			one_service(set, o, set->sds.v[i]);
}
