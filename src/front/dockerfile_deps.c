/*
 * dockerfile_deps.c: which Python packages the image installs.  RUN lines
 * are split into simple commands; pip (and `python -m pip`, `uv pip`)
 * install arguments become package records; `-r FILE`, `pip install .`
 * and the locks or project files of poetry/pipenv/uv installs are read
 * from the build context with the dependency readers (pydeps), and
 * copied manifests are recorded by file name.  Whatever cannot be listed marks the image's
 * package list as incomplete, so no rule claims a package is missing.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dockerfile_int.h"

/* pip install options that take a value in the next word. */
static const char *const pip_valued[] = {
	"-c", "--constraint", "-e", "--editable", "-i", "--index-url",
	"--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix",
	"--root", "--platform", "--python-version", "--implementation", "--abi",
	"--src", "--upgrade-strategy", "--progress-bar", "--cache-dir", "--log",
	"--trusted-host", "--global-option", "--install-option", "-C",
	"--config-settings", "--no-binary", "--only-binary", "--timeout",
	"--retries", "--proxy", "--exists-action", "--cert", "--client-cert",
	"--report", "--python", "-p", "--index-strategy", "--keyring-provider",
	"--resolution", "--prerelease", "--extra", "--group",
};

static int
pip_takes_value(const char *opt)
{
	size_t i;

	for (i = 0; i < sizeof(pip_valued) / sizeof(pip_valued[0]); i++)
		if (strcmp(opt, pip_valued[i]) == 0)
			return 1;
	return 0;
}

/* PEP 503: lower case, runs of -_. become one '-'. */
static char *
norm_name(struct arena *a, const char *s, size_t n)
{
	char *r = arena_alloc(a, n + 1);
	size_t i, j = 0;

	for (i = 0; i < n; i++) {
		char c = (char)tolower((unsigned char)s[i]);

		if (c == '_' || c == '.')
			c = '-';
		if (c == '-' && j > 0 && r[j - 1] == '-')
			continue;
		r[j++] = c;
	}
	r[j] = '\0';
	return r;
}

/* name[extras]spec; 0 when the word is not a plain requirement. */
static int
add_requirement(struct df_file *df, struct df_image *im, const char *s,
    size_t len, struct span at, int stage)
{
	struct df_pkg p;
	size_t n = 0, e;

	if (len == 0 || !isalnum((unsigned char)s[0]))
		return 0;
	while (n < len && (isalnum((unsigned char)s[n]) || strchr("-_.", s[n])))
		n++;
	if (n == 0 || (n < len && strchr("[=<>!~; @", s[n]) == NULL))
		return 0;
	memset(&p, 0, sizeof(p));
	p.name = norm_name(df->arena, s, n);
	if (n < len && s[n] == '[') {
		e = n + 1;
		while (e < len && s[e] != ']')
			e++;
		p.extras = arena_strndup(df->arena, s + n + 1, e - n - 1);
		n = e < len ? e + 1 : e;
	}
	while (n < len && s[n] == ' ')
		n++;
	if (n < len)
		p.spec = arena_strndup(df->arena, s + n, len - n);
	if (p.spec != NULL && strchr(p.spec, '@') != NULL)
		im->pkgs_unknown |= 0; /* a direct reference still names the package */
	p.span = at;
	p.stage = stage;
	VEC_PUSH(&im->pkgs, p);
	return 1;
}

static void
add_manifest(struct df_file *df, struct df_image *im, enum df_manifest_kind k,
    const char *path, const char *tool, const char *local, struct span at,
    int stage)
{
	struct df_manifest m;

	m.kind = k;
	m.path = arena_strdup(df->arena, path);
	m.tool = tool;
	m.local = local ? arena_strdup(df->arena, local) : NULL;
	m.span = at;
	m.stage = stage;
	VEC_PUSH(&im->manifests, m);
}

/* The directory part of a local path ("." for none). */
static char *
dir_of(struct df_file *df, const char *local)
{
	const char *slash = strrchr(local, '/');

	return slash ? arena_strndup(df->arena, local,
	    (size_t)(slash - local)) : arena_strdup(df->arena, ".");
}

static int
has_name(const char *const *names, size_t n, const char *want)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], want) == 0)
			return 1;
	return 0;
}

/* One dependency record as an installed package. */
static void
add_record(struct df_file *df, struct df_image *im, const struct pydeps_rec *r,
    int stage)
{
	struct strbuf sb = STRBUF_INIT;
	struct df_pkg p;
	size_t i;

	memset(&p, 0, sizeof(p));
	p.name = arena_strdup(df->arena, r->name);
	for (i = 0; i < r->nextras; i++)
		sb_addf(&sb, "%s%s", i ? "," : "", r->extras[i]);
	if (r->nextras > 0)
		p.extras = arena_strdup(df->arena, sb_str(&sb));
	if (r->spec != NULL && r->spec[0] != '\0')
		p.spec = arena_strdup(df->arena, r->spec);
	else if (r->pinned != NULL)
		p.spec = df_aprintf(df->arena, "==%s", r->pinned);
	p.span = r->span;
	p.stage = stage;
	VEC_PUSH(&im->pkgs, p);
	sb_release(&sb);
}

/*
 * The packages a dependency file names, followed through -r includes
 * (relative to the including file).  extras: for a pyproject installed
 * with pip, the optional groups asked for (".[prod]"); main only
 * otherwise; NULL takes every group (a lock, poetry, uv, pipenv).  0 when
 * the file cannot be read or names something that cannot be listed.
 */
static int
pkgs_of_file(struct df_file *df, struct df_image *im, const char *local,
    enum pydeps_kind kind, const char *const *extras, size_t nextras,
    int main_only, int stage, int depth)
{
	struct pydeps pd;
	const struct source *s;
	size_t i, named = 0;
	int ok = 1;

	/* an input read before: the same source, for suppressions */
	if (depth > 4 || ((s = src_find(local)) == NULL &&
	    (s = src_read_file(local, local)) == NULL))
		return 0;
	/* [project] dynamic = ["dependencies"]: setup.py or a plugin says */
	if (kind == PYDEPS_PYPROJECT && strstr(s->text, "dynamic") != NULL)
		return 0;
	memset(&pd, 0, sizeof(pd));
	if (pydeps_read(s, kind, &pd) < 0) {
		pydeps_free(&pd);
		return 0;
	}
	for (i = 0; i < pd.n; i++) {
		const struct pydeps_rec *r = &pd.v[i];

		switch (r->kind) {
		case PYDEPS_REQ:
			if (main_only && r->group != NULL &&
			    strcmp(r->group, "main") != 0 &&
			    !has_name(extras, nextras, r->group))
				break;
			if (r->name == NULL)
				ok = 0; /* a URL or path without a name */
			else
				add_record(df, im, r, stage), named++;
			break;
		case PYDEPS_INCLUDE:
			if (r->value == NULL || strchr(r->value, '$') != NULL ||
			    !pkgs_of_file(df, im, r->value[0] == '/' ? r->value :
			    df_aprintf(df->arena, "%s/%s", dir_of(df, local),
			    r->value), PYDEPS_REQUIREMENTS, NULL, 0, 0, stage,
			    depth + 1))
				ok = 0;
			named++;
			break;
		case PYDEPS_TEMPLATE:
		case PYDEPS_ERROR:
			ok = 0;
			break;
		default:
			break;
		}
	}
	pydeps_free(&pd);
	/* a pyproject.toml of tool settings only lists nothing */
	return ok && (named > 0 || kind == PYDEPS_REQUIREMENTS);
}

/* -r FILE inside the image: find its source in the build context. */
static void
pip_requirements(struct df_file *df, struct df_image *im,
    const struct df_word *w, int stage)
{
	const struct df_copy *via;
	char *abs, *local;

	if (strchr(w->s, '$') != NULL) {
		im->pkgs_unknown = 1;
		return;
	}
	abs = w->s[0] == '/' ? w->s : df_aprintf(df->arena, "%s/%s",
	    im->workdir.len ? im->workdir.s : "", w->s);
	local = df_local_for(df, im, abs, &via);
	add_manifest(df, im, DF_MF_REQUIREMENTS, via && via->nsrcs ?
	    via->srcs[0].s : w->s, "pip", local, w->span, stage);
	if (local == NULL || !pkgs_of_file(df, im, local, PYDEPS_REQUIREMENTS,
	    NULL, 0, 0, stage, 0))
		im->pkgs_unknown = 1;
}

/* The image path of a file in WORKDIR (or under dir, relative to it). */
static char *
image_path(struct df_file *df, const struct df_image *im, const char *dir,
    size_t dlen, const char *name)
{
	const char *wd = im->workdir.len ? im->workdir.s : "";

	if (dlen > 0 && dir[0] == '/')
		return df_aprintf(df->arena, "%.*s/%s", (int)dlen, dir, name);
	return df_aprintf(df->arena, "%s/%.*s%s%s", wd, (int)dlen, dir,
	    dlen ? "/" : "", name);
}

/*
 * `pip install .` (or a path, with [extras]): the project's
 * pyproject.toml from the build context.  0 when it cannot be listed.
 */
static int
pip_project(struct df_file *df, struct df_image *im, const struct df_word *w,
    int stage)
{
	const char *s = w->s, *br = strchr(s, '[');
	size_t dlen = br ? (size_t)(br - s) : strlen(s);
	const char *extras[8];
	const struct df_copy *via;
	size_t nextras = 0, n;
	char *local, *list;

	if (strstr(s, "://") != NULL || strchr(s, '$') != NULL ||
	    (s[0] != '.' && s[0] != '/'))
		return 0;
	while (dlen > 1 && s[dlen - 1] == '/')
		dlen--;
	if (dlen == 1 && s[0] == '.')
		dlen = 0;
	local = df_local_for(df, im, image_path(df, im, s, dlen,
	    "pyproject.toml"), &via);
	if (local == NULL)
		return 0;
	/* ".[prod,gunicorn]": those optional groups too */
	for (list = br ? arena_strndup(df->arena, br + 1,
	    strcspn(br + 1, "]")) : NULL; list != NULL && *list != '\0' &&
	    nextras < sizeof(extras) / sizeof(extras[0]); list += n) {
		n = strcspn(list, ",");
		extras[nextras++] = arena_strndup(df->arena, list, n);
		if (list[n] == ',')
			n++;
	}
	add_manifest(df, im, DF_MF_PYPROJECT, "pyproject.toml", "pip", local,
	    w->span, stage);
	return pkgs_of_file(df, im, local, PYDEPS_PYPROJECT, extras, nextras, 1,
	    stage, 0);
}

/*
 * poetry install, uv sync, pipenv install: the lock in WORKDIR when the
 * build context has it, else the project file; the manifest by name and
 * an unknown package list when neither is there.
 */
static void
tool_install(struct df_file *df, struct df_image *im, const char *tool,
    enum df_manifest_kind lock_kind, const char *lock,
    enum df_manifest_kind proj_kind, const char *proj, struct span at,
    int stage)
{
	const struct df_copy *via;
	char *local;

	im->has_install = 1;
	if ((local = df_local_for(df, im, image_path(df, im, "", 0, lock),
	    &via)) != NULL) {
		add_manifest(df, im, lock_kind, lock, tool, local, at, stage);
		if (!pkgs_of_file(df, im, local, pydeps_kind_of(lock), NULL, 0,
		    0, stage, 0))
			im->pkgs_unknown = 1;
		return;
	}
	if ((local = df_local_for(df, im, image_path(df, im, "", 0, proj),
	    &via)) != NULL) {
		add_manifest(df, im, proj_kind, proj, tool, local, at, stage);
		if (!pkgs_of_file(df, im, local, pydeps_kind_of(proj), NULL, 0,
		    0, stage, 0))
			im->pkgs_unknown = 1;
		return;
	}
	im->pkgs_unknown = 1;
	add_manifest(df, im, lock_kind, lock, tool, NULL, at, stage);
}

static void
pip_install(struct df_file *df, struct df_image *im, const struct df_word *w,
    size_t n, int stage)
{
	size_t i;

	im->has_install = 1;
	for (i = 0; i < n; i++) {
		const char *s = w[i].s;

		if (strcmp(s, "-r") == 0 || strcmp(s, "--requirement") == 0) {
			if (i + 1 < n)
				pip_requirements(df, im, &w[++i], stage);
		} else if (strncmp(s, "--requirement=", 14) == 0) {
			struct df_word r = w[i];

			r.s += 14;
			pip_requirements(df, im, &r, stage);
		} else if (strncmp(s, "-r", 2) == 0 && s[2] != '\0') {
			struct df_word r = w[i];

			r.s += 2;
			pip_requirements(df, im, &r, stage);
		} else if (s[0] == '-') {
			if ((strcmp(s, "-e") == 0 || strcmp(s, "--editable") == 0))
				im->pkgs_unknown = 1;
			if (pip_takes_value(s) && strchr(s, '=') == NULL)
				i++;
		} else if (pip_project(df, im, &w[i], stage)) {
			continue;
		} else if (strchr(s, '$') != NULL || !add_requirement(df, im, s,
		    w[i].len, w[i].span, stage))
			im->pkgs_unknown = 1; /* ".", a path, a URL, a variable */
	}
}

/* apt/apk packages of Python libraries: python3-gevent, py3-gunicorn. */
static void
os_install(struct df_file *df, struct df_image *im, const struct df_word *w,
    size_t n, int stage)
{
	static const char *const pfx[] = { "python3-", "py3-" };
	static const char *const not_libs[] = { "dev", "venv", "pip",
	    "distutils", "minimal", "full", "tk", "lib2to3", "dbg", "doc",
	    "setuptools", "wheel" };
	size_t i, k, j;

	for (i = 0; i < n; i++)
		for (k = 0; k < 2; k++) {
			const char *rest = w[i].s + strlen(pfx[k]);

			for (j = 0; j < sizeof(not_libs) / sizeof(not_libs[0]); j++)
				if (strncmp(w[i].s, pfx[k], strlen(pfx[k])) == 0 &&
				    strcmp(rest, not_libs[j]) == 0)
					break;
			if (j < sizeof(not_libs) / sizeof(not_libs[0]))
				continue;
			if (strncmp(w[i].s, pfx[k], strlen(pfx[k])) == 0 &&
			    add_requirement(df, im, w[i].s + strlen(pfx[k]),
			    w[i].len - strlen(pfx[k]), w[i].span, stage))
				im->has_install = 1;
		}
}

static int
is_pip(const char *p)
{
	const char *b = df_basename(p);

	return strncmp(b, "pip", 3) == 0 && strspn(b + 3, "0123456789.") ==
	    strlen(b + 3);
}

/* Dispatches one simple command of a RUN line. */
static void
run_command(struct df_file *df, struct df_image *im, struct df_word *w,
    size_t n, int stage)
{
	size_t i = 0;
	const char *b;

	while (i < n && (strchr(w[i].s, '=') != NULL || strcmp(w[i].s, "sudo") == 0 ||
	    strcmp(w[i].s, "exec") == 0 || strcmp(w[i].s, "then") == 0 ||
	    strcmp(w[i].s, "do") == 0))
		i++;
	if (i >= n)
		return;
	b = df_basename(w[i].s);
	/* python -m pip / -m micropipenv / -m poetry: the module is the tool */
	if (strncmp(b, "python", 6) == 0 && i + 2 < n &&
	    strcmp(w[i + 1].s, "-m") == 0)
		i += 2, b = w[i].s;
	if (strcmp(b, "uv") == 0 && i + 1 < n && strcmp(w[i + 1].s, "pip") == 0)
		i++, b = "pip";
	if ((is_pip(b) || strcmp(b, "pip") == 0) && i + 1 < n &&
	    strcmp(w[i + 1].s, "install") == 0) {
		pip_install(df, im, w + i + 2, n - i - 2, stage);
	} else if (strcmp(b, "uv") == 0 && i + 1 < n && (strcmp(w[i + 1].s,
	    "sync") == 0 || strcmp(w[i + 1].s, "add") == 0)) {
		tool_install(df, im, "uv", DF_MF_UV_LOCK, "uv.lock",
		    DF_MF_PYPROJECT, "pyproject.toml", w[i].span, stage);
	} else if (strcmp(b, "poetry") == 0 && i + 1 < n &&
	    (strcmp(w[i + 1].s, "install") == 0 || strcmp(w[i + 1].s, "add") == 0)) {
		tool_install(df, im, "poetry", DF_MF_POETRY_LOCK, "poetry.lock",
		    DF_MF_PYPROJECT, "pyproject.toml", w[i].span, stage);
	} else if (strcmp(b, "pipenv") == 0 && i + 1 < n &&
	    (strcmp(w[i + 1].s, "install") == 0 || strcmp(w[i + 1].s, "sync") == 0)) {
		tool_install(df, im, "pipenv", DF_MF_PIPFILE_LOCK, "Pipfile.lock",
		    DF_MF_PIPFILE, "Pipfile", w[i].span, stage);
	} else if ((strcmp(b, "apt-get") == 0 || strcmp(b, "apt") == 0 ||
	    strcmp(b, "apk") == 0) && i + 1 < n) {
		os_install(df, im, w + i + 2, n - i - 2, stage);
	} else if (strcmp(b, "conda") == 0 || strcmp(b, "mamba") == 0 ||
	    strcmp(b, "micromamba") == 0 || strcmp(b, "pdm") == 0 ||
	    strcmp(b, "micropipenv") == 0 || strcmp(b, "pip-sync") == 0 ||
	    strcmp(b, "hatch") == 0 || strcmp(b, "easy_install") == 0) {
		/* installs from files or channels we do not read */
		if (i + 1 < n || strcmp(b, "pip-sync") == 0)
			im->has_install = im->pkgs_unknown = 1;
	}
}

static void
scan_text(struct df_file *df, struct df_image *im, const struct df_str *text,
    int stage)
{
	struct df_shword *sw;
	struct df_word *w;
	size_t nw, i = 0, n;

	/* the arrays are this scan's: a long RUN must not keep two copies */
	nw = df_sh_split_tmp(df->arena, text, text->span.src, &sw);
	w = xmalloc((nw + 1) * sizeof(*w));
	while (i < nw) {
		n = 0;
		for (; i < nw && sw[i].op != 1; i++)
			if (sw[i].op == 2)
				i += i + 1 < nw && sw[i + 1].op == 0;
			else
				w[n++] = sw[i].w;
		i++;
		if (n)
			run_command(df, im, w, n, stage);
	}
	free(w);
	free(sw);
}

static const char *
first_word(struct df_file *df, const struct df_str *s)
{
	return arena_strndup(df->arena, s->s, strcspn(s->s, " \t"));
}

void
df_scan_run(struct df_file *df, struct df_image *im, const struct df_instr *in,
    int stage)
{
	size_t k;

	if (in->json) {
		struct df_word *w = arena_alloc(df->arena, (in->nwords + 1) *
		    sizeof(*w));

		for (k = 0; k < in->nwords; k++)
			w[k] = df_word_of(&in->words[k]);
		if (in->nwords >= 3 && df_is_shell_name(w[0].s) &&
		    strcmp(w[1].s, "-c") == 0)
			scan_text(df, im, &in->words[2], stage);
		else
			run_command(df, im, w, in->nwords, stage);
		return;
	}
	scan_text(df, im, &in->args, stage);
	/*
	 * RUN <<EOF runs the body with the shell; RUN python3 <<EOF feeds
	 * it to another program, whose text is not shell.
	 */
	if (in->args.len >= 2 && (strncmp(in->args.s, "<<", 2) == 0 ||
	    df_is_shell_name(first_word(df, &in->args))))
		for (k = 0; k < in->nheredocs; k++)
			if (in->heredocs[k].body.len)
				scan_text(df, im, &in->heredocs[k].body, stage);
}

/* Manifests copied into the image, by file name. */
void
df_note_copy(struct df_file *df, struct df_image *im, const struct df_copy *c)
{
	static const struct {
		const char *name;
		enum df_manifest_kind kind;
	} names[] = {
		{ "pyproject.toml", DF_MF_PYPROJECT }, { "poetry.lock", DF_MF_POETRY_LOCK },
		{ "Pipfile", DF_MF_PIPFILE }, { "Pipfile.lock", DF_MF_PIPFILE_LOCK },
		{ "uv.lock", DF_MF_UV_LOCK }, { "setup.py", DF_MF_SETUP_PY },
	};
	size_t i, k;

	for (i = 0; i < c->nsrcs; i++) {
		const char *b = df_basename(c->srcs[i].s);

		if (c->from != NULL)
			continue;
		if (strncmp(b, "requirements", 12) == 0 &&
		    strlen(b) > 4 && strcmp(b + strlen(b) - 4, ".txt") == 0) {
			add_manifest(df, im, DF_MF_REQUIREMENTS, c->srcs[i].s,
			    NULL, NULL, c->srcs[i].span, c->stage);
			continue;
		}
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			if (strcmp(b, names[k].name) == 0)
				add_manifest(df, im, names[k].kind, c->srcs[i].s,
				    NULL, NULL, c->srcs[i].span, c->stage);
	}
}
