/*
 * dockerfile_eval.c: walks the parsed instructions stage by stage the way a
 * build would, applying ARG/ENV substitution where Docker performs it, and
 * keeps each stage's image configuration so that `FROM stage` inherits it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dockerfile_int.h"

struct ev {
	struct df_file *df;
	struct findings *fs;
	struct df_env global;   /* ARGs before the first FROM */
	struct df_env scope;    /* ARG of the current stage; its ENV is imenv */
	/* im->env while the stage is evaluated, with its index: moved there
	 * when the stage ends, so each variable is kept once */
	struct df_env imenv;
	struct df_image *im;    /* current stage, NULL before FROM */
	int stage;
	int cmd_set;            /* CMD given in this stage */
	/* stage names (AS name) to 1 + index, the first of a name: a FROM
	 * or COPY --from per stage must not search all stages */
	size_t *names;
	size_t nnames;          /* slots, a power of two, or 0 */
};

#define VEC_COPY(dst, src)                                                    \
	do {                                                                  \
		size_t i_;                                                    \
		for (i_ = 0; i_ < (src)->n; i_++)                             \
			VEC_PUSH(dst, (src)->v[i_]);                          \
	} while (0)

void
df_image_release(struct df_image *im)
{
	if (im == NULL)
		return;
	free(im->env.v);
	free(im->args.v);
	free(im->expose.v);
	free(im->volumes.v);
	free(im->onbuild.v);
	free(im->copies.v);
	free(im->pkgs.v);
	free(im->manifests.v);
	free(im);
}

/*
 * Substitutes and removes quotes into a; a failure is GL001 and yields the
 * raw text.
 */
static struct df_str
ev_word_in(struct ev *e, struct arena *a, const struct df_str *raw,
    const struct df_env *env)
{
	struct df_str out;
	const char *err = NULL;
	size_t erroff = 0;

	if (df_process_word(a, raw, env, e->df->escape, 1, &out,
	    &err, &erroff) < 0) {
		fnd_add(e->fs, "GL001", span_make(e->df->src, erroff, 1), "%s",
		    err ? err : "bad substitution");
		return *raw;
	}
	return out;
}

/* The same, into the file's arena: a value that is kept. */
static struct df_str
ev_word(struct ev *e, const struct df_str *raw, const struct df_env *env)
{
	return ev_word_in(e, e->df->arena, raw, env);
}

static const struct df_flag *
ev_flag(const struct df_instr *in, const char *name)
{
	size_t i;

	for (i = 0; i < in->nflags; i++)
		if (strcasecmp(in->flags[i].name, name) == 0)
			return &in->flags[i];
	return NULL;
}

static size_t
name_hash(const char *s)
{
	size_t h = 5381u;

	while (*s)
		h = h * 33u + (unsigned char)tolower((unsigned char)*s++);
	return h;
}

/* The slot of name: its stage, or the empty slot where it would go. */
static size_t
name_slot(const struct ev *e, const char *name)
{
	size_t i = name_hash(name) & (e->nnames - 1);

	while (e->names[i] != 0 && strcasecmp(e->df->stages.v[e->names[i] -
	    1].name, name) != 0)
		i = (i + 1) & (e->nnames - 1);
	return i;
}

static int
ev_stage_named(const struct ev *e, const char *name)
{
	size_t i;

	if (e->nnames == 0)
		return -1;
	i = name_slot(e, name);
	return e->names[i] ? (int)(e->names[i] - 1) : -1;
}

/* Indexes the last stage's name; the first stage of a name keeps it. */
static void
ev_name_stage(struct ev *e)
{
	const struct df_file *df = e->df;
	size_t i, k;

	if (df->stages.v[df->stages.n - 1].name == NULL)
		return;
	if (e->nnames == 0 || df->stages.n * 2 > e->nnames) {
		free(e->names);
		e->nnames = e->nnames ? e->nnames * 2 : 16;
		e->names = xcalloc(e->nnames, sizeof(*e->names));
		k = 0;
	} else
		k = df->stages.n - 1;
	for (; k < df->stages.n; k++) {
		if (df->stages.v[k].name == NULL)
			continue;
		i = name_slot(e, df->stages.v[k].name);
		if (e->names[i] == 0)
			e->names[i] = k + 1;
	}
}

static void
ev_inherit(struct df_image *im, const struct df_image *p)
{
	VEC_COPY(&im->expose, &p->expose);
	VEC_COPY(&im->volumes, &p->volumes);
	VEC_COPY(&im->copies, &p->copies);
	VEC_COPY(&im->pkgs, &p->pkgs);
	VEC_COPY(&im->manifests, &p->manifests);
	im->workdir = p->workdir;
	im->workdir_span = p->workdir_span;
	im->user = p->user;
	im->user_span = p->user_span;
	im->user_set = p->user_set;
	im->health = p->health;
	im->shell = p->shell;
	im->entrypoint = p->entrypoint;
	im->cmd = p->cmd;
	im->stopsignal = p->stopsignal;
	im->has_install = p->has_install;
	im->pkgs_unknown = p->pkgs_unknown;
	im->inherits_launch = p->inherits_launch;
	im->base_plain = p->base_plain;
	im->base_span = p->base_span;
}

/*
 * Docker's official images (library/...) known to carry no Python web
 * packages, no USER and no ENTRYPOINT of their own: only on these may a
 * rule say a package is missing or that the image runs as root.
 */
static int
base_is_plain(const char *image)
{
	static const char *const plain[] = { "python", "pypy", "debian",
	    "ubuntu", "alpine", "busybox", "fedora", "centos", "rockylinux",
	    "almalinux", "amazonlinux", "buildpack-deps" };
	static const char *const official[] = { "", "library/",
	    "docker.io/library/", "index.docker.io/library/",
	    "public.ecr.aws/docker/library/" };
	const char *b = image;
	size_t i, n, k;

	for (k = 0; k < sizeof(official) / sizeof(official[0]); k++) {
		size_t pl = strlen(official[k]);

		if (strncasecmp(image, official[k], pl) != 0)
			continue;
		b = image + pl;
		n = strcspn(b, ":@");
		if (memchr(b, '/', n) != NULL)
			continue;
		for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
			if (strlen(plain[i]) == n && strncasecmp(b, plain[i], n) == 0)
				return 1;
	}
	return 0;
}

/*
 * The stage's ENV goes to its image (the vector moves, no copy), and its
 * vectors shrink to fit: a file of many small stages keeps them all.
 */
static void
ev_stage_end(struct ev *e)
{
	struct df_image *im = e->im;

	if (im != NULL) {
		im->env.v = e->imenv.v.v;
		im->env.n = e->imenv.v.n;
		im->env.cap = e->imenv.v.cap;
		memset(&e->imenv.v, 0, sizeof(e->imenv.v));
		VEC_FIT(&im->env);
		VEC_FIT(&im->args);
		VEC_FIT(&im->expose);
		VEC_FIT(&im->volumes);
		VEC_FIT(&im->onbuild);
		VEC_FIT(&im->copies);
		VEC_FIT(&im->pkgs);
		VEC_FIT(&im->manifests);
	}
	df_env_clear(&e->imenv);
}

static void
ev_from(struct ev *e, const struct df_instr *in)
{
	struct df_file *df = e->df;
	struct df_stage st;
	const struct df_flag *pf;
	int parent;

	memset(&st, 0, sizeof(st));
	st.index = (int)df->stages.n;
	st.span = in->span;
	st.parent = -1;
	if (in->nwords != 1 && !(in->nwords == 3 &&
	    strcasecmp(in->words[1].s, "as") == 0)) {
		fnd_add(e->fs, "GL001", in->span,
		    "FROM requires either one or three arguments");
	}
	if (in->nwords >= 1)
		st.base = ev_word(e, &in->words[0], &e->global);
	else
		st.base = df_str_lit(df->arena, "", in->span);
	if (in->nwords == 3) {
		char *p;

		st.name = arena_strdup(df->arena, in->words[2].s);
		for (p = st.name; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	if ((pf = ev_flag(in, "platform")) != NULL)
		st.platform = ev_word(e, &pf->value, &e->global).s;
	st.image = xcalloc(1, sizeof(*st.image));
	st.image->stage = st.index;
	parent = ev_stage_named(e, st.base.s);
	ev_stage_end(e);
	df_env_clear(&e->scope);
	e->scope.keep_unset = parent >= 0 ? df->stages.v[parent].image->inherits_launch :
	    strcasecmp(st.base.s, "scratch") != 0;
	df_env_clear(&e->imenv);
	if (parent >= 0) {
		st.parent = parent;
		const struct df_image *p = df->stages.v[parent].image;

		ev_inherit(st.image, p);
		for (size_t k = 0; k < p->env.n; k++)
			df_env_set(&e->imenv, &p->env.v[k]);
	} else {
		st.image->inherits_launch = strcasecmp(st.base.s, "scratch") != 0;
		st.image->base_plain = base_is_plain(st.base.s);
		st.image->base_span = in->span;
	}
	st.first = df->instrs.n; /* fixed up by the caller */
	VEC_PUSH(&df->stages, st);
	ev_name_stage(e);
	e->stage = st.index;
	e->im = st.image;
	e->cmd_set = 0;
}

static void
ev_arg(struct ev *e, const struct df_instr *in)
{
	struct df_file *df = e->df;
	struct df_env *dst = e->im ? &e->scope : &e->global;
	size_t k, j;

	for (k = 0; k < in->nwords; k++) {
		const struct df_str *w = &in->words[k];
		const char *eq = strchr(w->s, '=');
		size_t nl = eq ? (size_t)(eq - w->s) : w->len;
		struct df_var v;
		const struct df_var *g;

		memset(&v, 0, sizeof(v));
		v.name = arena_strndup(df->arena, w->s, nl);
		v.name_span = df_str_span(w, 0, nl);
		v.span = w->span;
		v.stage = e->im ? e->stage : -1;
		v.kind = DF_VAR_ARG;
		if (eq) {
			struct df_str raw = df_str_sub(df->arena, w, nl + 1, w->len);

			v.value = ev_word(e, &raw, e->im ? &e->scope : &e->global);
			v.has_value = 1;
		} else if (e->im && (g = df_env_get(&e->global, v.name)) != NULL) {
			v.value = g->value;
			v.has_value = 1;
		}
		for (j = 0; j < df->opts.nbuildargs; j++) {
			if (strcmp(df->opts.buildargs[j].name, v.name) != 0)
				continue;
			v.value = df_str_lit(df->arena, df->opts.buildargs[j].value,
			    v.name_span);
			v.has_value = 1;
		}
		df_env_set(dst, &v);
		if (e->im)
			VEC_PUSH(&e->im->args, v);
		else
			VEC_PUSH(&df->global_args, v);
	}
}

/*
 * ENV a=b c="d e"  or the legacy  ENV a some value.  LABEL has the same
 * syntax (store 0: checked, not kept).  The words and what is made of
 * them live in a: the file's arena for ENV, a scratch one for LABEL.
 */
static void
ev_env(struct ev *e, const struct df_instr *in, const struct df_str *words,
    size_t nwords, struct arena *a, int store)
{
	VEC(struct df_var) nv = { 0 };
	size_t k;

	if (nwords == 0) {
		fnd_add(e->fs, "GL001", in->span, "%s requires at least one "
		    "argument", df_kw_name(in->kw));
		return;
	}
	for (k = 0; k < nwords; k++) {
		const struct df_str *w = &words[k];
		const char *eq = strchr(w->s, '=');
		struct df_var v;
		struct df_str raw;
		size_t nl;

		memset(&v, 0, sizeof(v));
		if (k == 0 && eq == NULL) {
			size_t b = w->len;

			if (nwords < 2) {
				fnd_add(e->fs, "GL001", in->span,
				    "%s must have two arguments", df_kw_name(in->kw));
				break;
			}
			while (b < in->args.len && isspace((unsigned char)in->args.s[b]))
				b++;
			raw = df_str_sub(a, &in->args, b, in->args.len);
			nl = w->len;
			v.span = in->args.span;
			k = nwords; /* the rest is the value */
		} else if (eq == NULL) {
			fnd_add(e->fs, "GL001", w->span, "syntax error: can't find "
			    "= in \"%s\"; it must be of the form name=value", w->s);
			continue;
		} else {
			nl = (size_t)(eq - w->s);
			raw = df_str_sub(a, w, nl + 1, w->len);
			v.span = w->span;
		}
		v.name = ev_word_in(e, a, &(struct df_str){ arena_strndup(a,
		    w->s, nl), nl, w->offmap, df_str_span(w, 0, nl) },
		    &e->scope).s;
		v.name_span = df_str_span(w, 0, nl);
		v.value = ev_word_in(e, a, &raw, &e->scope);
		v.stage = e->stage;
		v.kind = DF_VAR_ENV;
		v.has_value = 1;
		VEC_PUSH(&nv, v);
	}
	/* all values of one ENV see the variables as they were before it */
	/* set again: same place, new value (the image config's order) */
	for (k = 0; store && k < nv.n; k++)
		df_env_set(&e->imenv, &nv.v[k]);
	free(nv.v);
}

/* CMD / ENTRYPOINT / HEALTHCHECK CMD: exec form, or shell form wrapped in SHELL. */
static void
ev_cmd(struct ev *e, struct df_cmd *c, const struct df_instr *in,
    const struct df_str *args, int json, const struct df_str *words,
    size_t nwords)
{
	struct df_file *df = e->df;
	size_t k, n = 0;

	memset(c, 0, sizeof(*c));
	c->set = 1;
	c->in = in;
	c->json = json;
	if (json) {
		c->argv = (struct df_str *)words;
		c->argc = nwords;
		return;
	}
	c->argv = arena_alloc(df->arena, (e->im->shell.argc + 3) *
	    sizeof(*c->argv));
	if (e->im->shell.set) {
		for (k = 0; k < e->im->shell.argc; k++)
			c->argv[n++] = e->im->shell.argv[k];
	} else {
		struct span at = span_make(df->src, in->span.off, 0);

		c->argv[n++] = df_str_lit(df->arena, "/bin/sh", at);
		c->argv[n++] = df_str_lit(df->arena, "-c", at);
	}
	c->argv[n++] = *args;
	c->argc = n;
}

static void
ev_health(struct ev *e, const struct df_instr *in)
{
	struct df_file *df = e->df;
	struct df_health *h = &e->im->health;
	size_t i = 0;
	struct df_str rest;
	struct df_str *w;
	size_t nw;
	int r;

	memset(h, 0, sizeof(*h));
	h->set = 1;
	h->span = in->span;
	while (i < in->args.len && !isspace((unsigned char)in->args.s[i]))
		i++;
	if (i == 4 && strncasecmp(in->args.s, "NONE", 4) == 0) {
		h->none = 1;
		return;
	}
	if (i != 3 || strncasecmp(in->args.s, "CMD", 3) != 0) {
		fnd_add(e->fs, "GL001", in->span, "HEALTHCHECK requires NONE "
		    "or CMD");
		return;
	}
	while (i < in->args.len && isspace((unsigned char)in->args.s[i]))
		i++;
	rest = df_str_sub(df->arena, &in->args, i, in->args.len);
	r = df_json_strings(df->arena, &rest, &w, &nw);
	ev_cmd(e, &h->cmd, in, &rest, r == 0, r == 0 ? w : NULL,
	    r == 0 ? nw : 0);
}

static void
ev_workdir(struct ev *e, const struct df_instr *in)
{
	struct df_file *df = e->df;
	struct df_str v = ev_word(e, &in->args, &e->scope);
	struct df_sbuf b = DSB_INIT;

	if (v.len && v.s[0] != '/' && e->im->workdir.len) {
		dsb_addstr(&b, &e->im->workdir, 0, e->im->workdir.len);
		if (e->im->workdir.s[e->im->workdir.len - 1] != '/')
			dsb_addc(&b, '/', df_str_off(&v, 0));
	} else if (v.len && v.s[0] != '/')
		dsb_addc(&b, '/', df_str_off(&v, 0));
	dsb_addstr(&b, &v, 0, v.len);
	e->im->workdir = dsb_finish(df->arena, &b, df_str_off(&v, v.len), df->src);
	df_str_set_span(df->arena, &e->im->workdir, in->args.span);
	e->im->workdir_span = in->span;
	dsb_release(&b);
}

static void
ev_expose(struct ev *e, const struct df_instr *in)
{
	size_t k;

	for (k = 0; k < in->nwords; k++) {
		struct df_str v = ev_word(e, &in->words[k], &e->scope);
		struct df_port p;
		size_t d = strspn(v.s, "0123456789");

		p.text = v.s;
		p.span = in->words[k].span;
		p.port = 0;
		if (d > 0 && d <= 5 && (v.s[d] == '\0' || v.s[d] == '/'))
			p.port = (unsigned)strtoul(v.s, NULL, 10);
		VEC_PUSH(&e->im->expose, p);
	}
}

static void ev_instr(struct ev *e, const struct df_instr *in);

static void
ev_copy(struct ev *e, const struct df_instr *in)
{
	struct df_file *df = e->df;
	struct df_copy c;
	const struct df_flag *f;
	size_t k, nh = 0;
	int from;

	memset(&c, 0, sizeof(c));
	c.add = in->kw == DF_ADD;
	c.span = in->span;
	c.stage = e->stage;
	if (in->nwords < 2) {
		fnd_add(e->fs, "GL001", in->span, "%s requires at least two "
		    "arguments", df_kw_name(in->kw));
		return;
	}
	c.srcs = arena_alloc(df->arena, in->nwords * sizeof(*c.srcs));
	for (k = 0; k + 1 < in->nwords; k++) {
		if (strncmp(in->words[k].s, "<<", 2) == 0 && nh < in->nheredocs)
			c.heredoc = &in->heredocs[nh++];
		c.srcs[c.nsrcs++] = in->json ? in->words[k] :
		    ev_word(e, &in->words[k], &e->scope);
	}
	c.dest = in->json ? in->words[k] : ev_word(e, &in->words[k], &e->scope);
	if (c.dest.s[0] == '/' || e->im->workdir.len == 0)
		c.abs_dest = arena_strdup(df->arena, c.dest.s[0] == '/' ? c.dest.s :
		    df_aprintf(df->arena, "/%s", c.dest.s));
	else
		c.abs_dest = df_aprintf(df->arena, "%s/%s", e->im->workdir.s,
		    c.dest.s);
	if ((f = ev_flag(in, "from")) != NULL)
		c.from = ev_word(e, &f->value, &e->scope).s;
	if ((f = ev_flag(in, "chown")) != NULL)
		c.chown = ev_word(e, &f->value, &e->scope).s;
	if ((f = ev_flag(in, "chmod")) != NULL)
		c.chmod = ev_word(e, &f->value, &e->scope).s;
	VEC_PUSH(&e->im->copies, c);
	from = c.from != NULL ? ev_stage_named(e, c.from) : -1;
	/* --from=N names the N-th stage */
	if (c.from != NULL && from < 0 && c.from[0] != '\0' &&
	    strspn(c.from, "0123456789") == strlen(c.from) &&
	    strtoul(c.from, NULL, 10) < df->stages.n)
		from = (int)strtoul(c.from, NULL, 10);
	if (from >= 0 && from != e->stage) {
		/*
		 * What a builder stage installed usually arrives by this copy
		 * (a venv, a --prefix tree, wheels): counting it avoids false
		 * "not installed" findings.
		 */
		const struct df_image *p = df->stages.v[from].image;

		VEC_COPY(&e->im->pkgs, &p->pkgs);
		VEC_COPY(&e->im->manifests, &p->manifests);
		e->im->has_install |= p->has_install;
		e->im->pkgs_unknown |= p->pkgs_unknown;
	}
	df_note_copy(df, e->im, &e->im->copies.v[e->im->copies.n - 1]);
}

/* Instructions Docker rejects without an argument. */
static int
needs_argument(enum df_kw kw)
{
	return kw == DF_ENV || kw == DF_LABEL || kw == DF_ARG ||
	    kw == DF_WORKDIR || kw == DF_USER || kw == DF_EXPOSE ||
	    kw == DF_VOLUME || kw == DF_STOPSIGNAL || kw == DF_SHELL ||
	    kw == DF_COPY || kw == DF_ADD || kw == DF_HEALTHCHECK;
}

/*
 * LABEL is checked as ENV is, but nothing of it is kept: its words and
 * values are made in a scratch arena (they cost 4 times the line).
 */
static void
ev_label(struct ev *e, const struct df_instr *in)
{
	struct arena *a = arena_new();
	struct df_str *words;
	size_t n;

	n = df_split_words(a, &in->args, e->df->escape, &words);
	ev_env(e, in, words, n, a, 0);
	arena_free(a);
}

static void
ev_instr(struct ev *e, const struct df_instr *in)
{
	struct df_image *im = e->im;

	if (needs_argument(in->kw) && in->args.len == 0 && in->nwords == 0) {
		fnd_add(e->fs, "GL001", in->span, "%s requires at least one "
		    "argument", df_kw_name(in->kw));
		return;
	}
	switch (in->kw) {
	case DF_ENV: ev_env(e, in, in->words, in->nwords, e->df->arena, 1); break;
	case DF_LABEL: ev_label(e, in); break;
	case DF_ARG: ev_arg(e, in); break;
	case DF_WORKDIR: ev_workdir(e, in); break;
	case DF_USER:
		im->user = ev_word(e, &in->args, &e->scope);
		im->user_span = in->span;
		im->user_set = 1;
		break;
	case DF_EXPOSE: ev_expose(e, in); break;
	case DF_STOPSIGNAL: im->stopsignal = ev_word(e, &in->args, &e->scope); break;
	case DF_HEALTHCHECK: ev_health(e, in); break;
	case DF_SHELL:
		if (in->json && in->nwords > 0)
			ev_cmd(e, &im->shell, in, &in->args, 1, in->words, in->nwords);
		break;
	case DF_CMD:
		ev_cmd(e, &im->cmd, in, &in->args, in->json, in->words, in->nwords);
		e->cmd_set = 1;
		break;
	case DF_ENTRYPOINT:
		ev_cmd(e, &im->entrypoint, in, &in->args, in->json, in->words,
		    in->nwords);
		/* Docker: ENTRYPOINT clears a CMD not set in this stage */
		if (!e->cmd_set)
			memset(&im->cmd, 0, sizeof(im->cmd));
		break;
	case DF_COPY: case DF_ADD: ev_copy(e, in); break;
	case DF_ONBUILD: VEC_PUSH(&im->onbuild, in); break;
	case DF_VOLUME:
		for (size_t k = 0; k < in->nwords; k++) {
			struct df_str v = in->json ? in->words[k] :
			    ev_word(e, &in->words[k], &e->scope);

			VEC_PUSH(&im->volumes, v);
		}
		break;
	case DF_RUN: df_scan_run(e->df, im, in, e->stage); break;
	default: break;
	}
}

static void
ev_final(struct ev *e, struct findings *fs)
{
	struct df_file *df = e->df;
	int t = (int)df->stages.n - 1;

	if (df->opts.target != NULL) {
		t = ev_stage_named(e, df->opts.target);
		if (t < 0) {
			fnd_add(fs, "GL001", span_make(df->src, 0, 0),
			    "target stage '%s' could not be found", df->opts.target);
			t = (int)df->stages.n - 1;
		}
	}
	df->final = t;
	if (t < 0)
		return;
	df->image = df->stages.v[t].image;
	df_resolve_launch(df, df->image);
}

void
df_eval(struct df_file *df, struct findings *fs)
{
	struct ev e;
	size_t i;
	int early = 0;

	memset(&e, 0, sizeof(e));
	e.df = df;
	e.fs = fs;
	e.stage = -1;
	e.scope.envs = &e.imenv;
	df->final = -1;
	for (i = 0; i < df->instrs.n; i++) {
		const struct df_instr *in = &df->instrs.v[i];

		if (in->kw == DF_FROM) {
			if (df->stages.n)
				df->stages.v[df->stages.n - 1].last = i;
			ev_from(&e, in);
			df->stages.v[df->stages.n - 1].first = i;
		} else if (e.im == NULL && in->kw == DF_ARG)
			ev_arg(&e, in);
		else if (e.im == NULL) {
			/* Docker stops at the first; one finding is enough */
			if (!early++)
				fnd_add(fs, "GL001", in->span, "%s before the "
				    "first FROM: no build stage in current "
				    "context", df_kw_name(in->kw));
		} else
			ev_instr(&e, in);
	}
	if (df->stages.n) {
		df->stages.v[df->stages.n - 1].last = df->instrs.n;
		ev_stage_end(&e);
	} else if (df->instrs.n && !early)
		fnd_add(fs, "GL001", span_make(df->src, 0, 0),
		    "the file has no FROM instruction");
	ev_final(&e, fs);
	df_env_release(&e.global);
	df_env_release(&e.scope);
	df_env_release(&e.imenv);
	free(e.names);
}
