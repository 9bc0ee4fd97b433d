/*
 * settings_schema.c: reads rules/gunicorn/settings.yaml with libcyaml and
 * checks that it describes each release's settings exactly once, so the
 * generator and --rules-dir refuse the same mistakes.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "gunicorn/settings_schema_int.h"

/* The YAML spelling is the enum member's suffix in lower case. */
static const cyaml_strval_t action_strings[] = {
	{ "none", SA_NONE },
	{ "store", SA_STORE },
	{ "store_true", SA_STORE_TRUE },
	{ "store_const", SA_STORE_CONST },
	{ "append", SA_APPEND },
	{ "store_opt", SA_STORE_OPT },
};

static const cyaml_strval_t cli_type_strings[] = {
	{ "str", SC_STR },
	{ "int", SC_INT },
	{ "auto_int", SC_AUTO_INT },
};

static const cyaml_strval_t type_strings[] = {
	{ "string", ST_STRING },
	{ "posint", ST_POSINT },
	{ "int_range", ST_INT_RANGE },
	{ "bool", ST_BOOL },
	{ "list_string", ST_LIST_STRING },
	{ "list_file", ST_LIST_FILE },
	{ "list_file_glob", ST_LIST_FILE_GLOB },
	{ "csv_list", ST_CSV_LIST },
	{ "csv_ip", ST_CSV_IP },
	{ "csv_ip_cidr_mask", ST_CSV_IP_CIDR_MASK },
	{ "csv_ip_cidr_strict", ST_CSV_IP_CIDR_STRICT },
	{ "csv_enum", ST_CSV_ENUM },
	{ "dict", ST_DICT },
	{ "dir", ST_DIR },
	{ "enum", ST_ENUM },
	{ "user", ST_USER },
	{ "group", ST_GROUP },
	{ "hostport", ST_HOSTPORT },
	{ "address", ST_ADDRESS },
	{ "ssl_protocol", ST_SSL_PROTOCOL },
	{ "any_deprecated", ST_ANY_DEPRECATED },
	{ "callable", ST_CALLABLE },
	{ "class", ST_CLASS },
	{ "file", ST_FILE },
};

#define NSTR(a) (sizeof(a) / sizeof((a)[0]))

static const char *
strval_name(const cyaml_strval_t *sv, size_t n, int v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (sv[i].val == v)
			return sv[i].str;
	return "?";
}

const char *
set_action_name(enum set_action a)
{
	return strval_name(action_strings, NSTR(action_strings), (int)a);
}

const char *
set_cli_type_name(enum set_cli_type t)
{
	return strval_name(cli_type_strings, NSTR(cli_type_strings), (int)t);
}

const char *
set_type_name(enum set_type t)
{
	return strval_name(type_strings, NSTR(type_strings), (int)t);
}

static const cyaml_schema_value_t string_entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 0, CYAML_UNLIMITED),
};

#define REQ_STR(key, m) CYAML_FIELD_STRING_PTR(key, CYAML_FLAG_POINTER, \
    struct set_yaml, m, 1, CYAML_UNLIMITED)
#define OPT_STR(key, m) CYAML_FIELD_STRING_PTR(key, CYAML_FLAG_POINTER | \
    CYAML_FLAG_OPTIONAL, struct set_yaml, m, 1, CYAML_UNLIMITED)
#define OPT_LIST(key, m, n) CYAML_FIELD_SEQUENCE_COUNT(key, \
    CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL | CYAML_FLAG_FLOW, \
    struct set_yaml, m, n, &string_entry, 0, CYAML_UNLIMITED)

static const cyaml_schema_field_t setting_fields[] = {
	REQ_STR("name", name),
	REQ_STR("section", section),
	OPT_LIST("flags", flags, nflags),
	CYAML_FIELD_ENUM("action", CYAML_FLAG_OPTIONAL | CYAML_FLAG_STRICT,
	    struct set_yaml, action, action_strings, NSTR(action_strings)),
	CYAML_FIELD_ENUM("cli_type", CYAML_FLAG_OPTIONAL | CYAML_FLAG_STRICT,
	    struct set_yaml, cli_type, cli_type_strings, NSTR(cli_type_strings)),
	CYAML_FIELD_ENUM("type", CYAML_FLAG_STRICT, struct set_yaml, type,
	    type_strings, NSTR(type_strings)),
	OPT_STR("const_value", const_value),
	OPT_LIST("choices", choices, nchoices),
	CYAML_FIELD_INT("min", CYAML_FLAG_OPTIONAL, struct set_yaml, min),
	CYAML_FIELD_INT("max", CYAML_FLAG_OPTIONAL, struct set_yaml, max),
	OPT_STR("metavar", metavar),
	/* An empty default is real: --print-config prints "name = ". */
	CYAML_FIELD_STRING_PTR("default", CYAML_FLAG_POINTER, struct set_yaml,
	    default_text, 0, CYAML_UNLIMITED),
	REQ_STR("added_in", added_in),
	OPT_STR("deprecated", deprecated),
	CYAML_FIELD_SEQUENCE_COUNT("versions", CYAML_FLAG_POINTER |
	    CYAML_FLAG_FLOW, struct set_yaml, versions, nversions,
	    &string_entry, 1, CYAML_UNLIMITED),
	REQ_STR("summary", summary),
	REQ_STR("explain", explain),
	OPT_STR("notes", notes),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t setting_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct set_yaml, setting_fields),
};

static const cyaml_schema_field_t file_fields[] = {
	CYAML_FIELD_SEQUENCE_COUNT("settings", CYAML_FLAG_POINTER,
	    struct set_file, settings, nsettings, &setting_entry, 1,
	    CYAML_UNLIMITED),
	CYAML_FIELD_END
};

const cyaml_schema_value_t set_file_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct set_file, file_fields),
};

uint32_t
set_parse_versions(const char *item)
{
	const char *dots = strstr(item, "..");
	enum gl_version a, b;
	char *first;
	int rc;

	if (dots == NULL)
		return gv_parse(item, &a) == 0 ? GV_BIT(a) : 0;
	first = xstrndup(item, (size_t)(dots - item));
	rc = gv_parse(first, &a) | gv_parse(dots + 2, &b);
	free(first);
	if (rc != 0 || a > b)
		return 0;
	/* Bits a..b inclusive; b < 32 so the shift is defined. */
	return (uint32_t)(((uint64_t)GV_BIT(b) << 1) - GV_BIT(a));
}

static int
valid_name(const char *s)
{
	if (!islower((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    *s != '_')
			return 0;
	return 1;
}

/* "-w" or "--word-with_underscores" (gunicorn has --limit-request-field_size). */
static int
valid_flag(const char *s)
{
	if (s[0] != '-')
		return 0;
	if (s[1] != '-')
		return isalnum((unsigned char)s[1]) && s[2] == '\0';
	if (!isalnum((unsigned char)s[2]))
		return 0;
	for (s += 2; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
			return 0;
	return 1;
}

/* What one entry must satisfy on its own; NULL when it does. */
static const char *
entry_problem(const struct set_yaml *y)
{
	int takes_value = y->action == SA_STORE || y->action == SA_APPEND ||
	    y->action == SA_STORE_OPT;
	int wants_choices = y->type == ST_ENUM || y->type == ST_CSV_ENUM;
	unsigned i;

	if (!valid_name(y->name))
		return "name is not lower-case words joined by '_'";
	for (i = 0; i < y->nflags; i++)
		if (!valid_flag(y->flags[i]))
			return "a flag is not -X or --long-name";
	if ((y->action == SA_NONE) != (y->nflags == 0))
		return "flags and action disagree: a setting has flags "
		    "exactly when its action is not none";
	if ((y->action == SA_STORE_CONST || y->action == SA_STORE_OPT) !=
	    (y->const_value != NULL))
		return "const_value is needed by store_const and store_opt, "
		    "and only by them";
	if (takes_value != (y->metavar != NULL))
		return "metavar is needed by store, append and store_opt, "
		    "and only by them";
	if (y->cli_type != SC_STR && y->action != SA_STORE)
		return "cli_type int and auto_int need action store";
	if (wants_choices != (y->nchoices > 0))
		return "choices are needed by types enum and csv_enum, and "
		    "only by them";
	if ((y->type == ST_INT_RANGE || y->type == ST_CALLABLE) &&
	    (y->min > y->max || y->min < 0))
		return "min must be between 0 and max";
	if (strchr(y->summary, '\n') != NULL)
		return "summary must be one line";
	return NULL;
}

static uint32_t
entry_versions(const char *path, const struct set_yaml *y, char **err)
{
	uint32_t mask = 0, m;
	unsigned i;

	for (i = 0; i < y->nversions; i++) {
		m = set_parse_versions(y->versions[i]);
		if (m == 0) {
			*err = xasprintf("%s: setting '%s': versions item '%s' "
			    "is not RELEASE or RELEASE..RELEASE (oldest first) "
			    "of known releases", path, y->name,
			    y->versions[i]);
			return 0;
		}
		if (mask & m) {
			*err = xasprintf("%s: setting '%s': versions item '%s' "
			    "repeats a release listed before", path, y->name,
			    y->versions[i]);
			return 0;
		}
		mask |= m;
	}
	return mask;
}

static void
def_from_yaml(struct set_def *d, const struct set_yaml *y, uint32_t mask)
{
	d->name = y->name;
	d->section = y->section;
	d->flags = (const char *const *)y->flags;
	d->nflags = y->nflags;
	d->action = y->action;
	d->cli_type = y->cli_type;
	d->type = y->type;
	d->const_value = y->const_value;
	d->choices = (const char *const *)y->choices;
	d->nchoices = y->nchoices;
	d->min = y->min;
	d->max = y->max;
	d->metavar = y->metavar;
	d->default_text = y->default_text;
	d->added_in = y->added_in;
	d->deprecated = y->deprecated;
	d->versions = mask;
	d->summary = y->summary;
	d->explain = y->explain;
	d->notes = y->notes;
}

static unsigned
oldest(uint32_t mask)
{
	unsigned v = 0;

	while (v < GV__COUNT && !(mask & GV_BIT(v)))
		v++;
	return v;
}

static int
def_cmp(const void *a, const void *b)
{
	const struct set_def *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return (oldest(x->versions) > oldest(y->versions)) -
	    (oldest(x->versions) < oldest(y->versions));
}

static int
flag_cmp(const void *a, const void *b)
{
	return strcmp(((const struct set_flag *)a)->flag,
	    ((const struct set_flag *)b)->flag);
}

/* Release v's flags, sorted; -1 when two settings share a flag. */
static int
build_flags(const char *path, struct set_table *t, unsigned v, char **err)
{
	size_t i, n = 0;
	unsigned j;

	for (i = 0; i < t->ndefs; i++)
		if (t->defs[i].versions & GV_BIT(v))
			n += t->defs[i].nflags;
	t->flags[v] = xcalloc(n ? n : 1, sizeof(struct set_flag));
	for (i = 0; i < t->ndefs; i++) {
		if (!(t->defs[i].versions & GV_BIT(v)))
			continue;
		for (j = 0; j < t->defs[i].nflags; j++) {
			t->flags[v][t->nflags[v]].flag = t->defs[i].flags[j];
			t->flags[v][t->nflags[v]++].def = &t->defs[i];
		}
	}
	qsort(t->flags[v], n, sizeof(struct set_flag), flag_cmp);
	for (i = 1; i < n; i++) {
		if (strcmp(t->flags[v][i].flag, t->flags[v][i - 1].flag) == 0) {
			*err = xasprintf("%s: flag '%s' belongs to both '%s' "
			    "and '%s' in release %s", path, t->flags[v][i].flag,
			    t->flags[v][i - 1].def->name,
			    t->flags[v][i].def->name, gv_name((enum gl_version)v));
			return -1;
		}
	}
	return 0;
}

/* Variants of one setting are adjacent after sorting; their releases must not overlap. */
static int
check_disjoint(const char *path, const struct set_table *t, char **err)
{
	size_t i;
	uint32_t seen = 0;

	for (i = 0; i < t->ndefs; i++) {
		const struct set_def *d = &t->defs[i];

		if (i == 0 || strcmp(d->name, t->defs[i - 1].name) != 0)
			seen = 0;
		if (seen & d->versions) {
			*err = xasprintf("%s: setting '%s' has two variants "
			    "for release %s; versions of variants must not "
			    "overlap", path, d->name,
			    gv_name((enum gl_version)oldest(seen & d->versions)));
			return -1;
		}
		seen |= d->versions;
	}
	return 0;
}

static int
table_check(const char *path, struct set_table *t, char **err)
{
	const struct set_file *f = t->file;
	const char *why;
	uint32_t mask;
	unsigned i;

	t->defs = xcalloc(f->nsettings, sizeof(*t->defs));
	for (i = 0; i < f->nsettings; i++) {
		const struct set_yaml *y = &f->settings[i];

		if ((why = entry_problem(y)) != NULL) {
			*err = xasprintf("%s: setting '%s' (entry %u): %s",
			    path, y->name, i + 1, why);
			return -1;
		}
		if ((mask = entry_versions(path, y, err)) == 0)
			return -1;
		def_from_yaml(&t->defs[i], y, mask);
		t->defs[i].order = i;
	}
	t->ndefs = f->nsettings;
	qsort(t->defs, t->ndefs, sizeof(*t->defs), def_cmp);
	if (check_disjoint(path, t, err) < 0)
		return -1;
	for (i = 0; i < GV__COUNT; i++)
		if (build_flags(path, t, i, err) < 0)
			return -1;
	return 0;
}

int
set_table_load(const char *path, const char *text, size_t len,
    struct set_table **out, char **err)
{
	struct set_table *t;
	void *data;

	*out = NULL;
	if (yl_load(path, text, len, &set_file_schema, &data, err) < 0)
		return -1;
	/* libcyaml accepts an empty document and returns no data. */
	if (data == NULL) {
		*err = xasprintf("%s: no 'settings:' list (empty file)", path);
		return -1;
	}
	t = xcalloc(1, sizeof(*t));
	t->file = data;
	if (table_check(path, t, err) < 0) {
		set_table_free(t);
		return -1;
	}
	*out = t;
	return 0;
}

void
set_table_free(struct set_table *t)
{
	unsigned v;

	if (t == NULL)
		return;
	for (v = 0; v < GV__COUNT; v++)
		free(t->flags[v]);
	free(t->defs);
	yl_free(&set_file_schema, t->file);
	free(t);
}
