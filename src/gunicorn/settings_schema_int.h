/*
 * settings_schema.h: the libcyaml schema of rules/gunicorn/settings.yaml and
 * the checks a settings table must pass, shared by the build-time generator
 * (tools/gen_settings.c) and set_load_dir() (--rules-dir).
 */
#ifndef GL_SETTINGS_SCHEMA_H
#define GL_SETTINGS_SCHEMA_H

#include "core/core.h"
#include "gunicorn/gunicorn.h"

/* One entry as written in the YAML file. */
struct set_yaml {
	char *name, *section;
	char **flags;
	unsigned nflags;
	enum set_action action;
	enum set_cli_type cli_type;
	enum set_type type;
	char *const_value;
	char **choices;
	unsigned nchoices;
	long min, max;
	char *metavar, *default_text, *added_in, *deprecated;
	char **versions; /* "20.1-debian", "20.1.0..22.0.0" */
	unsigned nversions;
	char *summary, *explain, *notes;
};

struct set_file {
	struct set_yaml *settings;
	unsigned nsettings;
};

extern const cyaml_schema_value_t set_file_schema;

/*
 * A loaded and checked table.  defs are sorted by name, then by their oldest
 * release; their strings point into `file`.  flags[v] holds release v's
 * flags sorted by strcmp().
 */
struct set_table {
	struct set_def *defs;
	size_t ndefs;
	struct set_flag *flags[GV__COUNT];
	size_t nflags[GV__COUNT];
	struct set_file *file;
};

/*
 * Loads `path` (or `len` bytes of `text` named path, when text != NULL) and
 * checks it: known action, cli_type and type names; versions written as
 * RELEASE or RELEASE..RELEASE; variants of one setting in disjoint releases;
 * a flag used by one setting only per release; flags, metavar, const_value,
 * choices and min/max consistent with the action and type.  -1 with *err
 * (naming the file, and the line where libcyaml reports one) on failure.
 */
int set_table_load(const char *path, const char *text, size_t len,
    struct set_table **out, char **err);
void set_table_free(struct set_table *t);

/* Parses one versions item ("21.0.0..22.0.0") into a GV_BIT mask; 0 if bad. */
uint32_t set_parse_versions(const char *item);

#endif
