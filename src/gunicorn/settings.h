/*
 * settings.h: gunicorn's settings table for every release gunilint knows
 * (rules/gunicorn/settings.yaml), with the command-line flags, argparse
 * action, validator, printed default and a plain-language explanation of
 * each.  A setting whose flags, action, validator or default changed
 * between releases has one entry per variant, with disjoint version sets.
 *
 * The table is turned into C at build time (tools/gen_settings.c);
 * set_load_dir() replaces it from disk for development (--rules-dir).
 */
#ifndef GL_SETTINGS_H
#define GL_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

/* Releases, oldest first; a version set is a bit mask over this list. */
enum gl_version {
	GV_20_1_DEBIAN, /* Debian's 20.1.0-6: 20.1.0 + tolerate_dangerous_framing */
	GV_20_1_0,
	GV_21_0_0, GV_21_0_1, GV_21_1_0, GV_21_2_0,
	GV_22_0_0,
	GV_23_0_0,
	GV_24_0_0, GV_24_1_0, GV_24_1_1,
	GV_25_0_0, GV_25_0_1, GV_25_0_2, GV_25_0_3, GV_25_1_0, GV_25_2_0,
	GV_25_3_0,
	GV_26_0_0, GV_26_1_0,
	GV__COUNT
};
#define GV_NEWEST GV_26_1_0
#define GV_BIT(v) ((uint32_t)1 << (v))

/* "26.1.0", "20.1-debian"... */
const char *gv_name(enum gl_version v);
/* Accepts "26.1", "26.1.0", "20.1-debian"; -1 when unknown. */
int gv_parse(const char *s, enum gl_version *out);
/* Negative, zero, positive like strcmp, by release order. */
int gv_cmp(enum gl_version a, enum gl_version b);

/* The argparse action gunicorn registers the flag with. */
enum set_action {
	SA_NONE,         /* config-file only: no command-line flag */
	SA_STORE,        /* takes one value, last one wins */
	SA_STORE_TRUE,   /* flag, no value */
	SA_STORE_CONST,  /* flag that stores const_value (--no-sendfile) */
	SA_APPEND,       /* takes one value, repeats accumulate */
	SA_STORE_OPT,    /* nargs='?': optional value, const_value when bare */
};

/* How argparse converts the string before the validator sees it. */
enum set_cli_type {
	SC_STR,
	SC_INT,      /* int(s) base 10: "010" is 10, "0x10" fails */
	SC_AUTO_INT, /* int(s, 0) with a leading-zero octal fallback */
};

/* The validator (gunicorn's validate_*); how values are checked and printed. */
enum set_type {
	ST_STRING,      /* validate_string: stripped; None allowed */
	ST_POSINT,      /* validate_pos_int */
	ST_INT_RANGE,   /* integer within [min, max] */
	ST_BOOL,
	ST_LIST_STRING, /* list of strings (append) */
	ST_LIST_FILE,   /* list of existing files */
	ST_LIST_FILE_GLOB,
	ST_CSV_LIST,    /* comma-separated, stripped */
	ST_CSV_IP,      /* ... each a literal IP or '*' */
	ST_CSV_IP_CIDR_MASK,   /* 24.1.0: CIDR, host bits masked, network objects */
	ST_CSV_IP_CIDR_STRICT, /* 24.1.1+: CIDR, host bits rejected */
	ST_CSV_ENUM,    /* comma-separated, each one of choices */
	ST_DICT,
	ST_DIR,         /* existing directory */
	ST_ENUM,        /* one of choices */
	ST_USER,        /* user name or uid */
	ST_GROUP,       /* group name or gid */
	ST_HOSTPORT,    /* host:port */
	ST_ADDRESS,     /* host[:port] | unix:PATH (statsd, 21.0+) */
	ST_SSL_PROTOCOL,/* ssl.PROTOCOL_* name or int (20.1) */
	ST_ANY_DEPRECATED, /* any value, warns when not the default (21.0+ ssl_version) */
	ST_CALLABLE,    /* server hook: config file only */
	ST_CLASS,       /* class or dotted-path string (worker_class, logger_class) */
	ST_FILE,        /* config: a path, file:PATH or python:MODULE */
};

struct set_def {
	const char *name;       /* "workers" */
	const char *section;    /* "Worker Processes" */
	const char *const *flags; /* "-w", "--workers"; nflags entries */
	unsigned nflags;
	enum set_action action;
	enum set_cli_type cli_type;
	enum set_type type;
	const char *const_value;  /* SA_STORE_CONST / SA_STORE_OPT, else NULL */
	const char *const *choices; /* ST_ENUM / ST_CSV_ENUM */
	unsigned nchoices;
	long min, max;            /* ST_INT_RANGE: the accepted range;
				     ST_CALLABLE: how many arguments the
				     hook takes (post_request: 2..4);
				     otherwise 0 */
	const char *metavar;      /* "INT", "ADDRESS"... as --help shows it;
				     NULL for flags that take no value */
	const char *default_text; /* as --print-config prints it, placeholders
				     such as <startup cwd> kept */
	const char *added_in;     /* "0.10.0", "21.0.0" ... */
	const char *deprecated;   /* "21.0.0: ignored, use ssl_context", or NULL */
	uint32_t versions;        /* GV_BIT mask of releases with this variant */
	const char *summary;      /* one line, ours */
	const char *explain;      /* a paragraph in plain words, ours */
	const char *notes;        /* facts for rules and explain: how workers use it */
	unsigned order;           /* position in gunicorn's config.py (the YAML
				     order): argparse registers flags in it */
};

/* The variant of setting `name` in release v, or NULL. */
const struct set_def *set_find(const char *name, enum gl_version v);
/*
 * All settings of release v sorted by name (as --print-config orders them):
 * fills out[0..max) and returns the total, so set_list(v, NULL, 0) counts.
 */
size_t set_list(enum gl_version v, const struct set_def **out, size_t max);
/* The same, in gunicorn's definition order (argparse's registration order). */
size_t set_list_defined(enum gl_version v, const struct set_def **out,
    size_t max);
/* Every entry of the table (all releases). */
size_t set_count_all(void);
const struct set_def *set_at(size_t i);

/*
 * Command-line flags of one release, for the argv parser: every long and
 * short flag ("--workers", "-w") with the setting it belongs to, sorted by
 * strcmp() so a binary search finds an exact flag or the first flag with a
 * given prefix (argparse accepts unique prefixes of long options).  argparse's
 * own -h/--help and -v/--version are not settings and are not listed.
 */
struct set_flag {
	const char *flag;
	const struct set_def *def;
};
/* Sets *out to the sorted flags of release v; returns how many. */
size_t set_flags(enum gl_version v, const struct set_flag **out);
/* The setting whose flag is exactly `flag` in release v, or NULL. */
const struct set_def *set_find_flag(const char *flag, enum gl_version v);
/*
 * The flags of release v that start with `prefix`: sets *first to the first
 * of them and returns how many (they are adjacent in the sorted list).  For
 * argparse's abbreviations: "--work" -> 4 flags (ambiguous), "--threa" -> 1.
 * The caller adds argparse's own --help and --version to the candidates.
 */
size_t set_flags_prefix(enum gl_version v, const char *prefix,
    const struct set_flag **first);

/* Names of the enum members as rules/gunicorn/settings.yaml spells them. */
const char *set_action_name(enum set_action a);
const char *set_cli_type_name(enum set_cli_type t);
const char *set_type_name(enum set_type t);

/*
 * Replaces the built-in table with dir/gunicorn/settings.yaml (checked the
 * way the build checks it).  -1 and *err (caller frees) on failure, and the
 * table in use is left alone.  dir == NULL goes back to the built-in
 * table.  Pointers returned earlier stay valid until the next successful
 * call.
 */
int set_load_dir(const char *dir, char **err);

#endif
