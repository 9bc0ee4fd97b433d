/*
 * dockerfile_deps.c: which Python packages the image installs.  RUN lines
 * are split into simple commands; pip (and `python -m pip`, `uv pip`)
 * install arguments become package records, `-r FILE` is read from the
 * build context, and poetry/pipenv/uv installs and copied manifests are
 * recorded by file name.  Whatever cannot be listed marks the image's
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
    const char *path, const char *tool, struct span at, int stage)
{
	struct df_manifest m;

	m.kind = k;
	m.path = arena_strdup(df->arena, path);
	m.tool = tool;
	m.span = at;
	m.stage = stage;
	VEC_PUSH(&im->manifests, m);
}

static void read_requirements(struct df_file *df, struct df_image *im,
    const char *local, int stage, int depth);

/* One line of a requirements file. */
static void
req_line(struct df_file *df, struct df_image *im, const struct source *s,
    size_t b, size_t e, const char *dir, int stage, int depth)
{
	const char *t = s->text;
	size_t i;

	for (i = b; i < e; i++)
		if (t[i] == '#' && (i == b || isspace((unsigned char)t[i - 1]))) {
			e = i;
			break;
		}
	while (b < e && isspace((unsigned char)t[b]))
		b++;
	while (e > b && isspace((unsigned char)t[e - 1]))
		e--;
	if (b == e)
		return;
	if (t[b] == '-') {
		size_t o = b;

		while (o < e && !isspace((unsigned char)t[o]) && t[o] != '=')
			o++;
		if ((o - b == 2 && strncmp(t + b, "-r", 2) == 0) ||
		    (o - b == 13 && strncmp(t + b, "--requirement", 13) == 0)) {
			while (o < e && (isspace((unsigned char)t[o]) || t[o] == '='))
				o++;
			read_requirements(df, im, df_aprintf(df->arena, "%s/%.*s",
			    dir, (int)(e - o), t + o), stage, depth + 1);
		} else if ((o - b == 2 && strncmp(t + b, "-e", 2) == 0) ||
		    strncmp(t + b, "--editable", 10) == 0)
			im->pkgs_unknown = 1;
		return;
	}
	if (!add_requirement(df, im, t + b, e - b, span_make(s, b, e - b), stage))
		im->pkgs_unknown = 1;
}

static void
read_requirements(struct df_file *df, struct df_image *im, const char *local,
    int stage, int depth)
{
	struct source *s;
	const char *slash = strrchr(local, '/');
	char *dir = slash ? arena_strndup(df->arena, local,
	    (size_t)(slash - local)) : arena_strdup(df->arena, ".");
	size_t ln;

	if (depth > 4 || (s = src_read_file(local, local)) == NULL) {
		im->pkgs_unknown = 1;
		return;
	}
	for (ln = 0; ln < s->nlines; ln++) {
		size_t b = s->line_off[ln], e = ln + 1 < s->nlines ?
		    s->line_off[ln + 1] : s->len;

		req_line(df, im, s, b, e, dir, stage, depth);
	}
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
	    via->srcs[0].s : w->s, "pip", w->span, stage);
	if (local != NULL)
		read_requirements(df, im, local, stage, 0);
	else
		im->pkgs_unknown = 1;
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
		im->has_install = im->pkgs_unknown = 1;
		add_manifest(df, im, DF_MF_UV_LOCK, "uv.lock", "uv", w[i].span, stage);
	} else if (strcmp(b, "poetry") == 0 && i + 1 < n &&
	    (strcmp(w[i + 1].s, "install") == 0 || strcmp(w[i + 1].s, "add") == 0)) {
		im->has_install = im->pkgs_unknown = 1;
		add_manifest(df, im, DF_MF_POETRY_LOCK, "poetry.lock", "poetry",
		    w[i].span, stage);
	} else if (strcmp(b, "pipenv") == 0 && i + 1 < n &&
	    (strcmp(w[i + 1].s, "install") == 0 || strcmp(w[i + 1].s, "sync") == 0)) {
		im->has_install = im->pkgs_unknown = 1;
		add_manifest(df, im, DF_MF_PIPFILE_LOCK, "Pipfile.lock", "pipenv",
		    w[i].span, stage);
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

	nw = df_sh_split(df->arena, text, text->span.src, &sw);
	w = arena_alloc(df->arena, (nw + 1) * sizeof(*w));
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
			    NULL, c->srcs[i].span, c->stage);
			continue;
		}
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			if (strcmp(b, names[k].name) == 0)
				add_manifest(df, im, names[k].kind, c->srcs[i].s,
				    NULL, c->srcs[i].span, c->stage);
	}
}
