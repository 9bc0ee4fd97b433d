/*
 * pydeps_toml.c: the dependencies declared in TOML files: pyproject.toml
 * (PEP 621 [project], PEP 735 [dependency-groups], Poetry's
 * [tool.poetry.*dependencies]), Pipfile, and the versions the locks
 * poetry.lock and uv.lock record.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "front/front.h"
#include "front/pydeps_int.h"

/* The text of a TOML string, mapped byte for byte when it has no escapes. */
static struct pd_text
toml_text(const struct toml_val *v)
{
	struct pd_text t = { v->u.str.s, v->u.str.len, NULL, 0, 0, v->span };
	const char *raw = v->span.src->text + v->span.off;
	size_t q;

	for (q = 1; q <= 3; q += 2)
		if (v->span.len == t.len + 2 * q &&
		    memcmp(raw + q, t.s, t.len) == 0) {
			t.linear = 1;
			t.base = v->span.off + q;
			break;
		}
	return t;
}

/* Records keep copies: the document is freed when the file is read. */
static const char *
pd_dup(struct pydeps *d, const char *s)
{
	return s != NULL ? pd_strdup(d, s) : NULL;
}

static int
doc_open(const struct source *src, struct pydeps *d, enum pydeps_source s,
    struct toml_doc **doc)
{
	struct span sp;
	char *err, *err_l10n;

	if ((*doc = toml_parse(src, &err, &err_l10n, &sp)) != NULL)
		return 0;
	pd_error_text(d, s, sp, err, err_l10n);
	free(err);
	free(err_l10n);
	return -1;
}

/* One PEP 508 string (or, in a dependency group, an include-group table). */
static void
pep508_item(struct pydeps *d, const struct toml_val *v, enum pydeps_source s,
    const char *group)
{
	const struct toml_val *inc;
	struct pydeps_rec *r;
	struct pd_text t;

	if (v->kind == TOML_STRING) {
		r = pd_add(d, PYDEPS_REQ, s, v->span);
		r->group = group;
		t = toml_text(v);
		pd_parse_pep508(d, d->n - 1, &t);
		return;
	}
	inc = toml_get_kind(v, "include-group", TOML_STRING);
	if (s == PYDEPS_SRC_PEP735 && inc != NULL && v->n == 1) {
		r = pd_add(d, PYDEPS_GROUP_INCLUDE, s, v->span);
		r->group = group;
		r->value = pd_dup(d, inc->u.str.s);
		r->name_span = inc->span;
		return;
	}
	pd_error(d, s, v->span, "expected a requirement string, found %s",
	    toml_kind_name(v->kind));
}

static void
pep508_array(struct pydeps *d, const struct toml_val *a, enum pydeps_source s,
    const char *group)
{
	size_t i;

	if (a == NULL)
		return;
	if (a->kind != TOML_ARRAY) {
		pd_error(d, s, a->span, "expected an array of requirements, "
		    "found %s", toml_kind_name(a->kind));
		return;
	}
	for (i = 0; i < a->n; i++)
		pep508_item(d, a->items[i], s, group);
}

/* Each key of table t names an array of requirements: extras, groups. */
static void
pep508_groups(struct pydeps *d, const struct toml_val *t, enum pydeps_source s)
{
	size_t i;

	if (t == NULL || t->kind != TOML_TABLE)
		return;
	for (i = 0; i < t->n; i++)
		pep508_array(d, t->items[i], s, pd_dup(d, t->items[i]->key));
}

static const char *
str_of(const struct toml_val *t, const char *key)
{
	return toml_get_str(t, key);
}

static void
string_list(struct pydeps *d, const struct toml_val *a, const char ***list,
    size_t *n)
{
	size_t i;

	if (a == NULL || a->kind != TOML_ARRAY)
		return;
	for (i = 0; i < a->n; i++)
		if (a->items[i]->kind == TOML_STRING)
			pd_list_add(d, list, n, pd_dup(d, a->items[i]->u.str.s));
}

/* The source keys of a Poetry or Pipfile table that say where it comes from. */
static const char *
url_of(const struct toml_val *t)
{
	static const char *const keys[] = { "git", "url", "path", "file",
		NULL };
	size_t i;

	for (i = 0; keys[i] != NULL; i++)
		if (str_of(t, keys[i]) != NULL)
			return str_of(t, keys[i]);
	return NULL;
}

/* name = "spec" or name = { version = ..., ... }: Poetry's and Pipfile's. */
static void
table_dep(struct pydeps *d, const struct toml_val *kv, const struct toml_val *v,
    enum pydeps_source s, const char *group)
{
	struct pydeps_rec *r;
	const char *spec = NULL;
	const struct toml_val *b;

	if (v->kind == TOML_STRING) {
		spec = v->u.str.s;
	} else if (v->kind == TOML_TABLE) {
		spec = str_of(v, "version");
	} else {
		pd_error(d, s, span_join(kv->key_span, v->span), "expected a "
		    "version string or a table for '%s', found %s", kv->key,
		    toml_kind_name(v->kind));
		return;
	}
	if (!pd_valid_name(kv->key, kv->key_len)) {
		pd_error(d, s, kv->key_span, "invalid package name '%s'",
		    kv->key);
		return;
	}
	r = pd_add(d, PYDEPS_REQ, s, span_join(kv->key_span, v->span));
	pd_set_name(d, r, kv->key, kv->key_len);
	r->name_span = kv->key_span;
	r->group = group;
	r->spec_raw = spec != NULL ? pd_dup(d, spec) : "*";
	if (s == PYDEPS_SRC_POETRY)
		r->spec = pd_poetry_spec(d, r->spec_raw);
	else
		r->spec = strcmp(r->spec_raw, "*") == 0 ? "" :
		    pd_poetry_spec(d, r->spec_raw);
	pd_set_pinned(d, r);
	if (v->kind != TOML_TABLE)
		return;
	string_list(d, toml_get(v, "extras"), &r->extras, &r->nextras);
	r->marker = pd_dup(d, str_of(v, "markers"));
	r->url = pd_dup(d, url_of(v));
	if ((b = toml_get_kind(v, "optional", TOML_BOOL)) != NULL)
		r->optional = b->u.b;
	if ((b = toml_get_kind(v, "editable", TOML_BOOL)) != NULL ||
	    (b = toml_get_kind(v, "develop", TOML_BOOL)) != NULL)
		r->editable = b->u.b;
}

static void
table_deps(struct pydeps *d, const struct toml_val *t, enum pydeps_source s,
    const char *group)
{
	const struct toml_val *kv;
	size_t i, k;

	if (t == NULL || t->kind != TOML_TABLE)
		return;
	for (i = 0; i < t->n; i++) {
		kv = t->items[i];
		/* Poetry's python is the interpreter, not a package. */
		if (s == PYDEPS_SRC_POETRY && strcmp(kv->key, "python") == 0)
			continue;
		if (kv->kind != TOML_ARRAY) {
			table_dep(d, kv, kv, s, group);
			continue;
		}
		/* Poetry's multiple constraints: one record per table. */
		for (k = 0; k < kv->n; k++)
			table_dep(d, kv, kv->items[k], s, group);
	}
}

int
pd_read_pyproject(const struct source *src, struct pydeps *d)
{
	const struct toml_val *root, *groups;
	struct toml_doc *doc;
	size_t i;

	if (doc_open(src, d, PYDEPS_SRC_PEP621, &doc) < 0)
		return -1;
	root = toml_root(doc);
	pep508_array(d, toml_get(root, "project.dependencies"),
	    PYDEPS_SRC_PEP621, "main");
	pep508_groups(d, toml_get(root, "project.optional-dependencies"),
	    PYDEPS_SRC_PEP621);
	pep508_groups(d, toml_get(root, "dependency-groups"), PYDEPS_SRC_PEP735);
	table_deps(d, toml_get(root, "tool.poetry.dependencies"),
	    PYDEPS_SRC_POETRY, "main");
	table_deps(d, toml_get(root, "tool.poetry.dev-dependencies"),
	    PYDEPS_SRC_POETRY, "dev");
	groups = toml_get_kind(root, "tool.poetry.group", TOML_TABLE);
	for (i = 0; groups != NULL && i < groups->n; i++)
		table_deps(d, toml_get(groups->items[i], "dependencies"),
		    PYDEPS_SRC_POETRY, pd_dup(d, groups->items[i]->key));
	toml_free(doc);
	return 0;
}

int
pd_read_pipfile(const struct source *src, struct pydeps *d)
{
	struct toml_doc *doc;

	if (doc_open(src, d, PYDEPS_SRC_PIPFILE, &doc) < 0)
		return -1;
	table_deps(d, toml_get(toml_root(doc), "packages"), PYDEPS_SRC_PIPFILE,
	    "main");
	table_deps(d, toml_get(toml_root(doc), "dev-packages"),
	    PYDEPS_SRC_PIPFILE, "dev");
	toml_free(doc);
	return 0;
}

/* One [[package]] of poetry.lock or uv.lock. */
static void
lock_package(struct pydeps *d, const struct toml_val *p, enum pydeps_source s)
{
	const struct toml_val *name = toml_get_kind(p, "name", TOML_STRING);
	const char *version = str_of(p, "version"), *cat = str_of(p, "category");
	struct pydeps_rec *r;

	if (name == NULL || !pd_valid_name(name->u.str.s, name->u.str.len)) {
		pd_error(d, s, p->span, "a [[package]] without a valid name");
		return;
	}
	r = pd_add(d, PYDEPS_REQ, s, p->span);
	pd_set_name(d, r, name->u.str.s, name->u.str.len);
	r->name_span = name->span;
	/* poetry.lock before 1.5 says category = "main" or "dev". */
	r->group = cat != NULL ? pd_dup(d, cat) : "main";
	if (version != NULL) {
		char *spec = xasprintf("==%s", version);

		r->pinned = pd_dup(d, version);
		r->spec = r->spec_raw = pd_strdup(d, spec);
		free(spec);
	}
}

int
pd_read_toml_lock(const struct source *src, struct pydeps *d,
    enum pydeps_source s)
{
	const struct toml_val *pkgs;
	struct toml_doc *doc;
	size_t i;

	if (doc_open(src, d, s, &doc) < 0)
		return -1;
	pkgs = toml_get_kind(toml_root(doc), "package", TOML_ARRAY);
	for (i = 0; pkgs != NULL && i < pkgs->n; i++)
		if (pkgs->items[i]->kind == TOML_TABLE)
			lock_package(d, pkgs->items[i], s);
	toml_free(doc);
	return 0;
}

/* ---- Poetry's version constraints ---- */

/* The numeric release parts of v (at most 8): their count. */
static int
release_parts(const char *v, long *parts)
{
	int n = 0;

	while (n < 8 && isdigit((unsigned char)*v)) {
		parts[n++] = strtol(v, (char **)&v, 10);
		if (*v != '.' || !isdigit((unsigned char)v[1]))
			break;
		v++;
	}
	return n;
}

/* ^V and ~V as a lower and upper bound: bump part i, zero the rest. */
static void
bounds(struct strbuf *sb, const char *v, const long *parts, int n, int bump)
{
	int k;

	sb_addf(sb, ">=%s,<", v);
	for (k = 0; k < n; k++)
		sb_addf(sb, "%s%ld", k ? "." : "", k < bump ? parts[k] :
		    k == bump ? parts[k] + 1 : 0);
}

/* One clause of a Poetry constraint into sb; -1 when it has no PEP 440 form. */
static int
poetry_clause(struct strbuf *sb, const char *c)
{
	long parts[8];
	int n, k;

	if (strcmp(c, "*") == 0 || *c == '\0')
		return 0;
	if (sb->len > 0)
		sb_addch(sb, ',');
	if (*c == '^' || (*c == '~' && c[1] != '=')) {
		const char *v = c + 1;

		while (*v == ' ')
			v++;
		if ((n = release_parts(v, parts)) == 0)
			return -1;
		if (*c == '~') {
			bounds(sb, v, parts, n, n == 1 ? 0 : 1);
			return 0;
		}
		for (k = 0; k < n - 1 && parts[k] == 0; k++)
			;
		bounds(sb, v, parts, n, k);
		return 0;
	}
	if (isdigit((unsigned char)*c))
		sb_adds(sb, "==");
	for (; *c != '\0'; c++)
		if (*c != ' ')
			sb_addch(sb, *c);
	return 0;
}

char *
pd_poetry_spec(struct pydeps *d, const char *s)
{
	struct strbuf sb = STRBUF_INIT, clause = STRBUF_INIT;
	const char *p = s;
	char *out = NULL;
	size_t n;

	if (strstr(s, "||") != NULL || strchr(s, '|') != NULL)
		return NULL;
	/* Clauses are split at commas, or at spaces between two clauses. */
	while (*p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		n = 0;
		while (p[n] != '\0' && p[n] != ',' && !(p[n] == ' ' && n > 0 &&
		    strchr("<>=!~^", p[n - 1]) == NULL))
			n++;
		sb_reset(&clause);
		sb_add(&clause, p, n);
		if (poetry_clause(&sb, sb_str(&clause)) < 0)
			goto out;
		p += n;
	}
	out = pd_strdup(d, sb_str(&sb));
out:
	sb_release(&sb);
	sb_release(&clause);
	return out;
}
