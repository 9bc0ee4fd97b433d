/*
 * gunicorn.h: what gunicorn itself does, taken from its source and from
 * running it: the settings table of every release, its validators, the
 * argparse set-up of its command line, worker classes and bind syntax.
 */
#ifndef GL_GUNICORN_PUBLIC_H
#define GL_GUNICORN_PUBLIC_H

#include <stddef.h>
#include <stdint.h>

#include "py/py.h"
#include "core/core.h"
#include "front/front.h"

/*
 * settings: gunicorn's settings table for every release gunilint knows
 * (rules/gunicorn/settings.yaml), with the command-line flags, argparse
 * action, validator, printed default and a plain-language explanation of
 * each.  A setting whose flags, action, validator or default changed
 * between releases has one entry per variant, with disjoint version sets.
 *
 * The table is turned into C at build time (tools/gen_settings.c);
 * set_load_dir() replaces it from disk for development (--rules-dir).
 */
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

/*
 * bind: gunicorn's reading of a bind address (util.parse_address):
 * unix:PATH, unix://PATH, fd://N, tcp://HOST:PORT, [V6]:PORT, HOST:PORT,
 * HOST alone (port 8000) and the empty string (0.0.0.0:8000).
 */
enum bind_kind { BIND_TCP, BIND_UNIX, BIND_FD, BIND_BAD_PORT };

struct bind_addr {
	enum bind_kind kind;
	char host[256];   /* TCP host ("0.0.0.0", "::", "localhost"), unix path */
	long port;        /* TCP port; fd number for BIND_FD */
	int loopback;     /* 127.0.0.0/8, ::1 or localhost */
	int wildcard;     /* 0.0.0.0, :: or empty host: every interface */
};

/* Parses one bind value; BIND_BAD_PORT when gunicorn would stop at start. */
void bind_parse(const char *s, struct bind_addr *out);

/*
 * worker: what a worker_class value means for a given gunicorn release:
 * which class gunicorn loads, whether it is async or ASGI, which settings
 * that worker reads or ignores, and which package it needs.  Facts from
 * gunicorn's workers/__init__.py, util.load_class and Config.worker_class,
 * and uvicorn's workers module (reference: gunicorn-semantics.md 5, 7, 8).
 */
enum wk_family {
	WK_SYNC,
	WK_GTHREAD,
	WK_GEVENT,
	WK_EVENTLET,
	WK_TORNADO,
	WK_ASGI,      /* gunicorn's own native ASGI worker (24.0+, beta) */
	WK_UVICORN,   /* uvicorn.workers.* or uvicorn_worker.* */
	WK_OTHER,     /* a dotted path gunilint does not know: third party */
	WK_INVALID,   /* a single word that is no short name of this release */
};

/* Settings a worker may or may not read. */
enum {
	WK_READS_THREADS = 1 << 0,
	WK_READS_WORKER_CONNECTIONS = 1 << 1,
	WK_READS_KEEPALIVE = 1 << 2,
	WK_READS_LIMIT_REQUEST = 1 << 3,   /* limit_request_line/fields/field_size */
	WK_READS_ACCESS_LOG_FORMAT = 1 << 4,
	WK_READS_SSL_VERSION = 1 << 5,     /* uses ssl_version for its TLS context */
};

struct wk_info {
	enum wk_family family;
	const char *as_written;  /* the worker_class value */
	const char *class_path;  /* dotted path gunicorn imports, NULL if unknown */
	const char *name;        /* short human name: "uvicorn (ASGI)", "sync" */
	const char *package;     /* pip package the class needs besides gunicorn, or NULL */
	int is_async;            /* handles many connections per process */
	int is_asgi;             /* serves ASGI apps (FastAPI, Starlette) */
	int swapped_to_gthread;  /* sync + threads > 1: gunicorn loads gthread */
	int uvicorn_deprecated_module; /* uvicorn.workers: deprecated since uvicorn 0.30.0 */
	int deprecated;          /* eventlet on 25.x */
	int removed;             /* eventlet on 26.0+, asgi before 24.0 */
	unsigned reads;          /* WK_READS_* */
	const char *suggestion;  /* nearest known class for a misspelling, or NULL */
};

/* Resolves a worker_class value (with the effective threads) for release v. */
void wk_resolve(const char *value, long threads, enum gl_version v,
    struct wk_info *out);

/*
 * validate: gunicorn's value converters and validators, one per
 * set_cli_type (argparse's type= step) and per set_type (the setting's
 * validate_* function), each giving the typed value gunicorn would store or
 * the exact message it would print.
 *
 * Messages are returned without gunicorn's decoration: the caller prints
 * "gunicorn: error: argument -w/--workers: <msg>" (exit 2) for argparse
 * conversions and "Error: <msg>" (exit 1) for validators, preceded for
 * config-file values by "Invalid value for NAME: VALUE".
 */
/*
 * Python's int(s, base) for base 10 or 0 on a str: surrounding whitespace,
 * one sign, single underscores between digits, and for base 0 the 0x/0o/0b
 * prefixes with no leading zeros on decimals.  Returns NULL when Python
 * raises ValueError.
 */
struct pyval *val_py_int(const char *s, size_t len, int base);
/* The ValueError text Python gives for that failed int() (caller frees). */
char *val_literal_error(const char *s, size_t len, int base);

/*
 * The value of the Unicode decimal digit (category Nd, what Python's \d
 * and int() accept) at s, or -1; *adv is its length in bytes.
 */
int val_decimal_digit(const char *s, size_t len, size_t *adv);

/*
 * argparse's type conversion for a CLI value.  SC_STR returns the string;
 * SC_INT is int(s); SC_AUTO_INT is gunicorn's auto_int ("022" is octal).
 * On failure returns -1 and *msg = "invalid int value: 'abc'" (caller
 * frees).
 */
int val_cli_convert(enum set_cli_type t, const char *s, size_t len,
    struct pyval **out, char **msg);

/* Machine facts the validators consult; the caller fills it. */
struct val_ctx {
	enum gl_version version;
	const char *cwd;   /* gunicorn's startup directory, for chdir */
	long uid, gid;     /* effective ids: user/group of None */
	/*
	 * check_host: 1 = judge user/group names and paths on this machine,
	 * as the real gunicorn would here.  0 = a linter's view of another
	 * machine (a container): names are accepted as they are (value kept
	 * as the name) and paths are not checked for existence.
	 */
	int check_host;
};

enum val_status {
	VAL_OK = 0,
	VAL_ERROR = -1, /* gunicorn stops: "Error: <msg>", exit 1 */
};

/*
 * Runs setting d's validator on `in` (a CLI string, the converted int, or
 * a config-file value).  On success *out is the stored value and *warning
 * a message gunicorn prints and carries on after (21.0+ ssl_version), or
 * NULL.  On failure *msg is the exception text.  Caller frees all three.
 */
enum val_status val_setting(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warning);

/* The ssl.PROTOCOL_* names of the Python 3.11 gunicorn 20.1 runs on. */
extern const char *const val_ssl_protocol_names[];

/*
 * argv: parses a gunicorn argument list the way its argparse parser does
 * (Python 3.11 argparse, allow_abbrev on): option classification, unique
 * prefixes, clustered short flags, `--opt=value`, store/append/flags/
 * nargs='?', `--`, positionals and unknown words, with argparse's exact
 * error text and order.  The result is a list of records with spans; no
 * judgement beyond what gunicorn itself rejects.
 */
/*
 * The parser for one release: the option strings in argparse's
 * registration order (-h, --help, -v, --version, then the settings in the
 * order gunicorn's config.py defines them; this order is the order of the
 * candidates in "ambiguous option" messages).  defs must be in that
 * definition order; settings without flags are skipped.  The table keeps
 * the pointers, not copies: defs must outlive it.
 */
struct av_table;
struct av_table *av_table_new(const struct set_def *const *defs, size_t n);
void av_table_free(struct av_table *t);

/*
 * Which Python's argparse to follow.  AV_PY311 (the default) is what
 * Debian's gunicorn runs on and was checked against 3.11 and 3.12.1;
 * AV_PY313 follows 3.13.0, which differs only in corners: in a cluster
 * such as "-Dx" an unknown letter leaves "-x" as an unrecognized argument
 * (3.11: "ignored explicit argument 'x'"), "-Dw=3" means -w 3, and an
 * option value "--" given as "-w=--" is kept (3.11 turns it into []).
 */
enum av_dialect {
	AV_PY311,
	AV_PY313,
};
void av_table_set_dialect(struct av_table *t, enum av_dialect d);

enum av_kind {
	AV_SETTING, /* an option of a setting */
	AV_HELP,    /* -h/--help: argparse prints help and exits 0 */
	AV_VERSION, /* -v/--version: prints the version and exits 0 */
};

/* One option occurrence, in the order argparse takes the actions. */
struct av_opt {
	enum av_kind kind;
	const struct set_def *def; /* AV_SETTING, else NULL */
	const char *flag;          /* the option string matched: "--workers" */
	/* As written: "--work" in "--work=3", "-w"; inside a cluster just
	 * the letter ("w" of "-Dw3"). */
	char *written;
	char *value;               /* NULL when the option took no value */
	size_t value_len;
	/*
	 * The value after argparse's type= step (int for SC_INT/SC_AUTO_INT,
	 * else a str; for store_true True, store_const/nargs='?' the const,
	 * a Python literal such as "False" or a str such as "auto").  NULL
	 * when the conversion failed (err says why).  Under AV_PY311 a
	 * value of exactly "--" given inline ("-w=--") becomes [].
	 */
	struct pyval *typed;
	size_t word;               /* index of the option word */
	struct span opt_span;      /* the option text, "--work" */
	struct span value_span;    /* the value (may be the next word) */
};

enum av_err {
	AV_OK = 0,
	AV_ERR_AMBIGUOUS,    /* ambiguous option: --work=3 could match ... */
	AV_ERR_EXPECTED_ARG, /* argument -w/--workers: expected one argument */
	AV_ERR_EXPLICIT_ARG, /* argument --preload: ignored explicit argument 'x' */
	AV_ERR_INVALID_TYPE, /* argument -w/--workers: invalid int value: 'x' */
	AV_ERR_UNRECOGNIZED, /* unrecognized arguments: --bogus x */
};

struct av_error {
	enum av_err code;
	char *message; /* the text after "gunicorn: error: " */
	struct span span;
	size_t word;   /* index of the word it concerns */
};

/* A positional word (APP_MODULE is the first one on the real command line). */
struct av_pos {
	size_t word;
	const char *value; /* points into the word list */
	struct span span;
};

struct av_result {
	VEC(struct av_opt) opts;
	VEC(struct av_pos) positionals;
	VEC(size_t) unknown;  /* words argparse could not place (extras) */
	/* Parallel to unknown: the text argparse reports when it is not the
	 * whole word (3.13 clusters: "-x" out of "-Dx"), else NULL. */
	VEC(char *) unknown_text;
	struct av_error err;  /* code AV_OK when none */
	/*
	 * AV_HELP / AV_VERSION when argparse took that action and exited 0:
	 * options after it were not processed.  AV_SETTING otherwise.
	 */
	enum av_kind exit_action;
	int status;           /* what gunicorn exits with here: 0 or 2 */
};

/*
 * Parses words[0..n) (the arguments after the program name).  Returns 0,
 * or -1 when argparse would exit 2 (out->err filled).  The words must
 * outlive the result.
 */
int av_parse(const struct av_table *t, const struct sw_word *words, size_t n,
    struct av_result *out);
void av_result_free(struct av_result *r);
/* Gives back the vectors' spare room: the result is kept, not grown. */
void av_result_fit(struct av_result *r);


/* "-w/--workers": how argparse names an option in messages. */
char *av_option_name(const struct set_def *d);

#endif
