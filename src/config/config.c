/*
 * config.c: loading .gunilint.yaml.  The document is checked first on a
 * libyaml node tree (ytree.c), which knows where every key and value is,
 * so that each mistake is reported as file:line:col; libcyaml then loads
 * the typed fields.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/core.h"
#include "config.h"
#include "config/ytree_int.h"

/* What libcyaml loads; `severity` is read from the tree (free keys). */
struct gcfg_raw {
	char **ignore;
	unsigned nignore;
	char *fail_level;
	char *gunicorn_version;
	char **exclude;
	unsigned nexclude;
	double cpus;
	char *max_file_size;
};

static const cyaml_schema_value_t str_entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 0, CYAML_UNLIMITED),
};

static const cyaml_schema_field_t raw_fields[] = {
	CYAML_FIELD_SEQUENCE_COUNT("ignore", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct gcfg_raw, ignore, nignore, &str_entry,
	    0, CYAML_UNLIMITED),
	CYAML_FIELD_IGNORE("severity", CYAML_FLAG_OPTIONAL),
	CYAML_FIELD_STRING_PTR("fail-level", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct gcfg_raw, fail_level, 0,
	    CYAML_UNLIMITED),
	CYAML_FIELD_STRING_PTR("gunicorn-version", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct gcfg_raw, gunicorn_version, 0,
	    CYAML_UNLIMITED),
	CYAML_FIELD_SEQUENCE_COUNT("exclude", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct gcfg_raw, exclude, nexclude,
	    &str_entry, 0, CYAML_UNLIMITED),
	CYAML_FIELD_FLOAT("cpus", CYAML_FLAG_OPTIONAL, struct gcfg_raw, cpus),
	CYAML_FIELD_STRING_PTR("max-file-size", CYAML_FLAG_POINTER |
	    CYAML_FLAG_OPTIONAL, struct gcfg_raw, max_file_size, 0,
	    CYAML_UNLIMITED),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t raw_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct gcfg_raw, raw_fields),
};

/* The checks of one key's value on the tree; -1 with *msg and *at. */
typedef int (*check_fn)(gcfg_rule_fn rn, const struct yt_node *v,
    char **msg, const struct yt_node **at);

static int check_rule_list(gcfg_rule_fn, const struct yt_node *, char **,
    const struct yt_node **);
static int check_severity(gcfg_rule_fn, const struct yt_node *, char **,
    const struct yt_node **);
static int check_fail_level(gcfg_rule_fn, const struct yt_node *, char **,
    const struct yt_node **);
static int check_version(gcfg_rule_fn, const struct yt_node *, char **,
    const struct yt_node **);
static int check_globs(gcfg_rule_fn, const struct yt_node *, char **,
    const struct yt_node **);
static int check_cpus(gcfg_rule_fn, const struct yt_node *, char **,
    const struct yt_node **);
static int check_size(gcfg_rule_fn, const struct yt_node *, char **,
    const struct yt_node **);

static const struct {
	const char *key;
	check_fn check;
} keys[] = {
	{ "ignore", check_rule_list },
	{ "severity", check_severity },
	{ "fail-level", check_fail_level },
	{ "gunicorn-version", check_version },
	{ "exclude", check_globs },
	{ "cpus", check_cpus },
	{ "max-file-size", check_size },
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static const char *const kind_names[] = { N_("a single value"),
    N_("a list"), N_("a mapping") };

static int
want_scalar(const struct yt_node *v, const char *what, char **msg,
    const struct yt_node **at)
{
	*at = v;
	if (v->kind != YT_SCALAR) {
		*msg = xasprintf(_("expected %s, found %s"), what,
		    _(kind_names[v->kind]));
		return -1;
	}
	if (yt_is_null(v)) {
		*msg = xasprintf(_("expected %s, found nothing"), what);
		return -1;
	}
	return 0;
}

static int
want_list(const struct yt_node *v, const char *what, char **msg,
    const struct yt_node **at)
{
	*at = v;
	if (v->kind != YT_SEQ) {
		*msg = xasprintf(_("expected a list of %s, found %s"), what,
		    yt_is_null(v) ? _("nothing") : _(kind_names[v->kind]));
		return -1;
	}
	return 0;
}

static int
check_rule(gcfg_rule_fn rn, const struct yt_node *v, char **msg,
    const struct yt_node **at)
{
	if (want_scalar(v, _("a rule id or slug"), msg, at) < 0)
		return -1;
	if (rn(v->value) == NULL) {
		*msg = xasprintf(_("unknown rule '%s' (see `gunilint rules`)"),
		    v->value);
		return -1;
	}
	return 0;
}

static int
check_rule_list(gcfg_rule_fn rn, const struct yt_node *v, char **msg,
    const struct yt_node **at)
{
	size_t i;

	if (want_list(v, _("rule ids or slugs"), msg, at) < 0)
		return -1;
	for (i = 0; i < v->n; i++)
		if (check_rule(rn, v->kids[i], msg, at) < 0)
			return -1;
	return 0;
}

static int
parse_rule_severity(const char *s, enum severity *sev, int *off)
{
	*off = strcmp(s, "off") == 0;
	return *off || (sev_parse(s, sev) == 0 && *sev != SEV_NONE) ? 0 : -1;
}

static int
check_severity(gcfg_rule_fn rn, const struct yt_node *v, char **msg,
    const struct yt_node **at)
{
	enum severity sev;
	size_t i, j;
	int off;

	*at = v;
	if (v->kind != YT_MAP) {
		*msg = xasprintf(_("expected a mapping of rule to severity, "
		    "found %s"), yt_is_null(v) ? _("nothing") :
		    _(kind_names[v->kind]));
		return -1;
	}
	for (i = 0; i + 1 < v->n; i += 2) {
		if (check_rule(rn, v->kids[i], msg, at) < 0)
			return -1;
		for (j = 0; j < i; j += 2) {
			if (rn(v->kids[j]->value) == rn(v->kids[i]->value)) {
				*msg = xasprintf(_("the severity of %s is "
				    "given twice"), rn(v->kids[i]->value));
				return -1;
			}
		}
		if (want_scalar(v->kids[i + 1], "error, warning, info or off",
		    msg, at) < 0)
			return -1;
		if (parse_rule_severity(v->kids[i + 1]->value, &sev, &off) < 0) {
			*msg = xasprintf(_("unknown severity '%s' (expected "
			    "error, warning, info or off)"),
			    v->kids[i + 1]->value);
			return -1;
		}
	}
	return 0;
}

static int
check_fail_level(gcfg_rule_fn rn, const struct yt_node *v, char **msg,
    const struct yt_node **at)
{
	enum severity sev;

	(void)rn;

	if (want_scalar(v, _("error, warning, info or none"), msg, at) < 0)
		return -1;
	if (sev_parse(v->value, &sev) < 0) {
		*msg = xasprintf(_("unknown fail level '%s' (expected error, "
		    "warning, info or none)"), v->value);
		return -1;
	}
	return 0;
}

/* "23.0", "20.1", "20.1-debian": digits.digits[.digits][-word]. */
static int
check_version(gcfg_rule_fn rn, const struct yt_node *v, char **msg,
    const struct yt_node **at)
{
	const char *p;
	int dots = 0;

	(void)rn;

	if (want_scalar(v, _("a gunicorn release such as \"23.0\""), msg,
	    at) < 0)
		return -1;
	p = v->value;
	for (;;) {
		if (!isdigit((unsigned char)*p))
			break;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p != '.' || dots == 2)
			break;
		dots++;
		p++;
	}
	if (*p == '-' && isalpha((unsigned char)p[1]))
		for (p++; isalnum((unsigned char)*p); p++)
			continue;
	if (dots == 0 || *p != '\0') {
		*msg = xasprintf(_("'%s' is not a gunicorn release (write it "
		    "as \"23.0\", quoted)"), v->value);
		return -1;
	}
	return 0;
}

static int
check_size(gcfg_rule_fn rn, const struct yt_node *v, char **msg,
    const struct yt_node **at)
{
	size_t n;

	(void)rn;
	if (want_scalar(v, _("a size"), msg, at) < 0)
		return -1;
	if (src_parse_size(v->value, &n) < 0) {
		*msg = xasprintf(_("'%s' is not a size (bytes, or with a K, M "
		    "or G suffix: 10M)"), v->value);
		return -1;
	}
	return 0;
}

static int
check_globs(gcfg_rule_fn rn, const struct yt_node *v, char **msg,
    const struct yt_node **at)
{
	size_t i;

	(void)rn;

	if (want_list(v, _("path patterns"), msg, at) < 0)
		return -1;
	for (i = 0; i < v->n; i++) {
		if (want_scalar(v->kids[i], _("a path pattern"), msg, at) < 0)
			return -1;
		if (v->kids[i]->value[0] == '\0') {
			*msg = xstrdup(_("an empty path pattern"));
			return -1;
		}
	}
	return 0;
}

static int
check_cpus(gcfg_rule_fn rn, const struct yt_node *v, char **msg,
    const struct yt_node **at)
{
	char *end;
	double d;

	(void)rn;

	if (want_scalar(v, _("a number of CPUs"), msg, at) < 0)
		return -1;
	errno = 0;
	d = strtod(v->value, &end);
	/* Plain decimals only: strtod would also take hex, "inf" and "1e3". */
	if (errno || *end != '\0' || end == v->value || !(d > 0 && d <= 4096) ||
	    strspn(v->value, "0123456789.") != strlen(v->value) ||
	    !isdigit((unsigned char)v->value[0])) {
		*msg = xasprintf(_("'%s' is not a positive number of CPUs"),
		    v->value);
		return -1;
	}
	return 0;
}

/* Checks the whole tree; -1 with *err = "path:line:col: message". */
static int
check_tree(gcfg_rule_fn rn, const char *path, const struct yt_node *root,
    char **err)
{
	const struct yt_node *at = root, *k;
	char *msg = NULL;
	size_t i, j, w;

	if (root->kind != YT_MAP) {
		msg = xasprintf(_("expected a mapping of settings, found %s"),
		    kind_names[root->kind]);
		goto fail;
	}
	for (i = 0; i + 1 < root->n; i += 2) {
		k = at = root->kids[i];
		if (k->kind != YT_SCALAR) {
			msg = xstrdup(_("a key must be a plain word"));
			goto fail;
		}
		for (w = 0; w < NKEYS && strcmp(keys[w].key, k->value); w++)
			continue;
		if (w == NKEYS) {
			msg = xasprintf(_("unknown key '%s' (expected ignore, "
			    "severity, fail-level, gunicorn-version, exclude, "
			    "cpus or max-file-size)"), k->value);
			goto fail;
		}
		for (j = 0; j < i; j += 2)
			if (strcmp(root->kids[j]->value, k->value) == 0) {
				msg = xasprintf(_("'%s' is given twice"),
				    k->value);
				goto fail;
			}
		if (keys[w].check(rn, root->kids[i + 1], &msg, &at) < 0)
			goto fail;
	}
	return 0;
fail:
	*err = xasprintf("%s:%u:%u: %s", path, at->line, at->col, msg);
	free(msg);
	return -1;
}

struct gcfg *
gcfg_new(void)
{
	return xcalloc(1, sizeof(struct gcfg));
}

void
gcfg_free(struct gcfg *cfg)
{
	size_t i;

	if (cfg == NULL)
		return;
	free(cfg->path);
	free(cfg->ignore);
	free(cfg->sev);
	free(cfg->gunicorn_version);
	for (i = 0; i < cfg->nexclude; i++)
		free(cfg->exclude[i]);
	free(cfg->exclude);
	free(cfg);
}

/* The severity map, in file order; the tree is already checked. */
static void
take_severity(gcfg_rule_fn rn, struct gcfg *cfg, const struct yt_node *root)
{
	const struct yt_node *m = NULL;
	size_t i;

	for (i = 0; i + 1 < root->n; i += 2)
		if (strcmp(root->kids[i]->value, "severity") == 0)
			m = root->kids[i + 1];
	if (m == NULL)
		return;
	cfg->sev = xcalloc(m->n / 2 + 1, sizeof(*cfg->sev));
	for (i = 0; i + 1 < m->n; i += 2) {
		struct gcfg_severity *s = &cfg->sev[cfg->nsev++];

		s->rule = rn(m->kids[i]->value);
		parse_rule_severity(m->kids[i + 1]->value, &s->sev, &s->off);
	}
}

static void
take_raw(gcfg_rule_fn rn, struct gcfg *cfg, const struct gcfg_raw *raw)
{
	unsigned i;

	cfg->ignore = xcalloc(raw->nignore + 1, sizeof(*cfg->ignore));
	for (i = 0; i < raw->nignore; i++)
		cfg->ignore[cfg->nignore++] = rn(raw->ignore[i]);
	if (raw->fail_level != NULL) {
		cfg->has_fail_level = 1;
		sev_parse(raw->fail_level, &cfg->fail_level);
	}
	if (raw->gunicorn_version != NULL)
		cfg->gunicorn_version = xstrdup(raw->gunicorn_version);
	cfg->exclude = xcalloc(raw->nexclude + 1, sizeof(*cfg->exclude));
	for (i = 0; i < raw->nexclude; i++)
		cfg->exclude[cfg->nexclude++] = xstrdup(raw->exclude[i]);
	cfg->cpus = raw->cpus;
	if (raw->max_file_size != NULL)
		cfg->has_max_file_size = src_parse_size(raw->max_file_size,
		    &cfg->max_file_size) == 0;
}

/* A config file is small and regular: a FIFO would block the fopen. */
#define GCFG_MAX_SIZE (1 << 20)

static char *
read_all(const char *path, size_t *len, char **err)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[8192];
	struct stat st;
	size_t n;
	FILE *fp;

	if (strcmp(path, "/dev/null") == 0) { /* --config /dev/null: none */
		*len = 0;
		return xstrdup("");
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		*err = xasprintf(_("%s: not a regular file"), path);
		return NULL;
	}
	if (stat(path, &st) == 0 && st.st_size > GCFG_MAX_SIZE) {
		*err = xasprintf(_("%s: larger than 1 MiB"), path);
		return NULL;
	}
	if ((fp = fopen(path, "rb")) == NULL) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_add(&sb, buf, n);
	if (ferror(fp)) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		fclose(fp);
		sb_release(&sb);
		return NULL;
	}
	fclose(fp);
	*len = sb.len;
	return sb.len ? sb_detach(&sb) : xstrdup("");
}

int
gcfg_load(gcfg_rule_fn rn, const char *path, const char *text, size_t len,
    struct gcfg **out, char **err)
{
	struct gcfg_raw *raw = NULL;
	struct yt_node *root = NULL;
	char *own = NULL, *msg = NULL;
	struct gcfg *cfg;

	*out = NULL;
	if (text == NULL && (text = own = read_all(path, &len, err)) == NULL)
		return -1;
	if (yt_parse(text, len, &root, &msg) < 0) {
		*err = xasprintf("%s:%s", path, msg);
		free(msg);
		free(own);
		return -1;
	}
	if (root != NULL && (check_tree(rn, path, root, err) < 0 ||
	    yl_load(path, text, len, &raw_schema, (void **)&raw, err) < 0)) {
		yt_free(root);
		free(own);
		return -1;
	}
	cfg = gcfg_new();
	cfg->path = xstrdup(path);
	if (root != NULL) {
		take_severity(rn, cfg, root);
		take_raw(rn, cfg, raw);
	}
	yl_free(&raw_schema, raw);
	yt_free(root);
	free(own);
	*out = cfg;
	return 0;
}

static int
is_dir(const char *path, struct stat *st)
{
	return stat(path, st) == 0 && S_ISDIR(st->st_mode);
}

int
gcfg_find(const char *dir, char **path, char **err)
{
	struct strbuf up = STRBUF_INIT;
	struct stat here, parent, st;
	char *cand, *git, *par;
	int rc = 0;

	*path = NULL;
	sb_adds(&up, dir ? dir : ".");
	for (;;) {
		if (!is_dir(sb_str(&up), &here)) {
			*err = xasprintf(_("%s: not a directory"), sb_str(&up));
			rc = -1;
			break;
		}
		cand = xasprintf("%s/%s", sb_str(&up), GCFG_NAME);
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) {
			/* "./.gunilint.yaml" reads better without "./". */
			*path = strncmp(cand, "./", 2) == 0 ?
			    xstrdup(cand + 2) : cand;
			if (*path != cand)
				free(cand);
			rc = 1;
			break;
		}
		free(cand);
		git = xasprintf("%s/.git", sb_str(&up));
		par = xasprintf("%s/..", sb_str(&up));
		rc = stat(git, &st) == 0 || !is_dir(par, &parent) ||
		    (parent.st_dev == here.st_dev &&
		    parent.st_ino == here.st_ino);
		free(git);
		sb_reset(&up);
		sb_adds(&up, par);
		free(par);
		if (rc) { /* the repository root or "/": stop here */
			rc = 0;
			break;
		}
	}
	sb_release(&up);
	return rc;
}

int
gcfg_resolve(gcfg_rule_fn rn, const char *given, struct gcfg **out,
    char **err)
{
	char *path = NULL;
	int rc;

	*out = NULL;
	if (given != NULL)
		return gcfg_load(rn, given, NULL, 0, out, err);
	if ((rc = gcfg_find(NULL, &path, err)) < 0)
		return -1;
	if (rc == 0) {
		*out = gcfg_new();
		return 0;
	}
	rc = gcfg_load(rn, path, NULL, 0, out, err);
	free(path);
	return rc;
}
