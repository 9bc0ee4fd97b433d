/*
 * model.h: the launch model.  Part one, the effective settings: what
 * gunicorn really runs with for one launch, merged
 * in gunicorn's own order (defaults with the import-time environment,
 * GUNICORN_CMD_ARGS, the config file, the command line), each value with
 * its origin and the spans that set it, and the first error gunicorn would
 * stop with (message and exit status).
 *
 * Use: fill a launch_ctx, launch_new(), feed the environment and the
 * command line, launch_eval(); then read launch_get()/launch_values() and
 * launch_error().  launch_free() releases everything.
 */
#ifndef GL_MODEL_H
#define GL_MODEL_H

#include <stddef.h>

#include "config/config.h"
#include "core/core.h"
#include "front/front.h"
#include "gunicorn/gunicorn.h"
#include "py/py.h"

/* Where an effective value came from, lowest precedence first. */
enum launch_origin {
	LO_DEFAULT,     /* the setting's default */
	LO_ENV_DEFAULT, /* a default computed from WEB_CONCURRENCY, PORT... */
	LO_APP,         /* the application's init(): default_proc_name */
	LO_CONFIG,      /* the Python config file */
	LO_CMD_ARGS,    /* GUNICORN_CMD_ARGS */
	LO_CLI,         /* the real command line */
};
const char *launch_origin_name(enum launch_origin o);

struct launch;

/* One environment variable as the launch sees it (Dockerfile ENV, k8s...). */
struct launch_env {
	const char *name;
	const char *value;
	struct span span; /* the value's bytes in its source */
	/* Source offset of each value byte when the front-end removed its
	 * own quoting; NULL: the value starts at span.off. */
	const size_t *offmap;
};

/*
 * Seam for the config-file front-end.  Called once when gunicorn would
 * execute a config file: `path` as given to -c (PATH, file:PATH or
 * python:MODULE; a relative PATH is relative to ctx.cwd), or
 * "<cwd>/gunicorn.conf.py" for the automatic file, with is_default set.
 * `span` is the -c value's span (empty for the automatic file).  The
 * callback applies the file's globals with launch_apply_config() in file
 * order and returns
 * LAUNCH_CFG_LOADED, LAUNCH_CFG_MISSING (gunicorn: "'path' doesn't exist";
 * for the automatic file simply nothing happens) or LAUNCH_CFG_UNKNOWN
 * (could not be evaluated: values stay unknown, no error).
 */
enum launch_cfg_status {
	LAUNCH_CFG_LOADED,
	LAUNCH_CFG_MISSING,
	LAUNCH_CFG_UNKNOWN,
};
typedef enum launch_cfg_status (*launch_cfg_fn)(void *arg, struct launch *l,
    const char *path, struct span span, int is_default);

struct launch_ctx {
	enum gl_version version;
	const char *version_name; /* "20.1.0", for --version's output */
	/* Settings of `version` in config.py definition order (see av_table_new). */
	const struct set_def *const *defs;
	size_t ndefs;
	const char *cwd;   /* startup directory: chdir default, relative paths */
	long uid, gid;     /* effective ids: user/group defaults */
	int check_host;    /* see struct val_ctx */
	enum av_dialect dialect; /* the Python gunicorn runs on (argv.h) */
	launch_cfg_fn load_config; /* NULL: a chosen config file stays unread */
	/*
	 * The real command line is not known (a GUNICORN_CMD_ARGS value on
	 * its own): a missing APP_MODULE is then no error.
	 */
	int cli_unknown;
	void *load_config_arg;
	/* The option table of `defs` to share (a launch set has one a
	 * release), or NULL: the launch makes its own. */
	struct av_table *table;
	/*
	 * ndefs slots the launches of one release share their constant
	 * defaults through (made by the first launch, owned by the caller,
	 * freed with launch_defaults_free()), or NULL: each value its own.
	 */
	struct launch_value *default_cache;
};

/* An effective value. */
struct launch_value {
	const struct set_def *def;
	struct pyval *value;
	/* The --print-config text after "name = ": launch_value_printed()
	 * makes it when first asked (most values are never printed). */
	char *printed_;
	enum launch_origin origin;
	const char *origin_name;  /* "WEB_CONCURRENCY", "GUNICORN_CMD_ARGS",
				     "command line", a config path, "default" */
	/* The spans that set it: option and value of each occurrence. */
	VEC(struct span) spans;
	/* Set by the config file to something only known when it runs
	 * (why, in words); value then still holds the default. */
	const char *runtime;
};

/* The first thing gunicorn stops with, as it prints it. */
struct launch_error {
	int status;        /* 0 (help/version), 1 or 2 */
	/*
	 * The line that says why: "gunicorn: error: ..." (exit 2, after
	 * argparse's usage line), "Error: ..." (exit 1), "usage: ..." or
	 * "gunicorn (version ...)" (exit 0), or for import-time crashes the
	 * last traceback line "ValueError: ..." (exit 1).
	 */
	char *message;
	char *detail;      /* "Invalid value for workers: abc" line before it, or NULL */
	struct span span;
	enum launch_origin origin;
};

struct launch *launch_new(const struct launch_ctx *ctx);
void launch_defaults_free(struct launch_value *cache, size_t ndefs);
void launch_free(struct launch *l);

/* The process environment; GUNICORN_CMD_ARGS, WEB_CONCURRENCY, PORT and
 * FORWARDED_ALLOW_IPS are taken from it (the last entry of a name wins).
 * Names and values are copied, and the copy is dropped by launch_eval
 * (only its steps read the environment); offmap arrays must outlive l. */
void launch_set_env(struct launch *l, const struct launch_env *env, size_t n);
/* The words after "gunicorn" (copied by reference: must outlive l). */
void launch_set_argv(struct launch *l, const struct sw_word *argv, size_t n);

/*
 * Runs gunicorn's load_config.  Returns 0 when gunicorn would go on to
 * load the app, 1 when it would stop (see launch_error()).  Values that
 * were set before the stop are still readable.
 */
int launch_eval(struct launch *l);

/*
 * For the config-file callback: the file could not be executed; gunicorn
 * prints "Failed to read config file: PATH", the traceback ending with
 * `exception`, and exits 1.  `at` is where in the file (empty: the -c
 * value).
 */
void launch_config_failed(struct launch *l, const char *exception,
    struct span at);

/*
 * For the config-file callback: global `name` is a setting the file
 * computes at run time (`why`: not evaluated here).  The value is marked
 * runtime with the statement's span.  Returns 1 when name is a setting.
 */
int launch_config_runtime(struct launch *l, const char *name, struct span span,
    const char *why);

/*
 * For the config-file callback: applies module global `name` = v (taken)
 * through the setting's validator, as gunicorn does for each global whose
 * name is exactly a setting name (others are ignored: returns 0).
 * Returns -1 when gunicorn would stop here ("Invalid value for ...");
 * later calls are then ignored.
 */
int launch_apply_config(struct launch *l, const char *name, struct pyval *v,
    struct span span);

const struct launch_error *launch_error(const struct launch *l); /* NULL if none */
/* For the config-file callback: text gunicorn prints to stderr and goes on. */
void launch_warn(struct launch *l, const char *text);
/* Warnings gunicorn prints and goes on (ssl_version 21.0+...). */
size_t launch_warnings(const struct launch *l, const char *const **msgs);
const struct launch_value *launch_get(const struct launch *l, const char *name);
/* All values in --print-config order (by name); the array stays valid
 * until the next call or launch_free(). */
size_t launch_values(const struct launch *l,
    const struct launch_value *const **out);
/* APP_MODULE (first CLI positional) or wsgi_app; NULL when none. */
const char *launch_app_module(const struct launch *l, struct span *span);
/* The parses, for explain: the real command line and GUNICORN_CMD_ARGS. */
const struct av_result *launch_cli(const struct launch *l);
const struct av_result *launch_cmd_args(const struct launch *l);
const struct sw_words *launch_cmd_args_words(const struct launch *l);
/* The startup directory the launch was made with (ctx.cwd). */
const char *launch_cwd(const struct launch *l);
/* The config file gunicorn would execute, or NULL. */
const char *launch_config_file(const struct launch *l, struct span *span,
    enum launch_origin *from);

/* The --print-config text of one value, after "name = ". */
const char *launch_value_printed(const struct launch_value *v);
/* The whole --print-config output (lines "name = value\n"). */
char *launch_print_config(const struct launch *l);

/*
 * Part two, the launch set: every launch the inputs describe (a
 * GUNICORN_CMD_ARGS value, a command line, a Dockerfile's final stage, a
 * Kubernetes container, a compose service), each with its effective
 * settings and what is known about where it runs, and the front-end
 * records they came from.  Built by model_collect(); read-only after.
 */

/* Where a launch runs, as far as the inputs tell; unknown = -1 / NULL. */
struct launch_where {
	int in_container;       /* 1: a Dockerfile, manifest or compose service */
	double cpus;            /* CPUs the process may use; < 0 unknown */
	const char *cpus_from;  /* "--cpus", "resources.limits.cpu"... */
	struct span cpus_span;
	long run_uid;           /* user the process runs as; -1 unknown */
	int net_bind_service;   /* 1: may bind ports below 1024 as non-root */
	int app_is_asgi;        /* 1 ASGI app, 0 WSGI app, -1 unknown */
	const char *framework;  /* the installed web framework that says so */
	struct span framework_span;
	int config_unread;      /* a config file gunilint does not read (-c,
				   or gunicorn.conf.py in WORKDIR) may set
				   any setting: defaults are only guesses */
	int cmdline_unknown;    /* 1: the values come from a file (an env
				   file) whose command line is not known:
				   an unset option may well be set there */
	int orchestrated;       /* Kubernetes or compose: their own rules
				   judge CPU, binds and ports there */
	int socket_activated;   /* 1: a systemd .socket unit passes the
				   listening sockets (LISTEN_FDS): gunicorn
				   ignores bind */
	int shell_parent;       /* 1: a shell started gunicorn without exec
				   and stays its parent (systemd sh -c) */
	const char *root;       /* --root: the image's files on this disk */
	/* What provides a container path (a Secret volume, a COPY), or NULL. */
	const char *(*file_source)(const void *ctx, const char *path);
	const void *file_source_ctx;
	/* Where that file's bytes are on this disk, newly allocated, or NULL. */
	char *(*file_local)(const void *ctx, const char *path);
	const void *file_local_ctx;
};

/* A gunicorn config file read from this disk (from_pyconf.c). */
struct gl_conf_file {
	char *path;               /* as named or found */
	char *real;               /* realpath, to know a file met twice */
	const struct source *src;
	int input;                /* named on the command line or walked */
	int used;                 /* a launch executed it */
};

/* The config file one launch executes, and what came of it. */
struct gl_launch_conf {
	char *path;               /* as gunicorn opens it */
	struct span span;         /* the -c value; empty for ./gunicorn.conf.py */
	int is_default;           /* ./gunicorn.conf.py, found without -c */
	enum launch_cfg_status status;
	struct gl_conf_file *file; /* the bytes read, or NULL */
	struct py_result res;     /* its globals, with this launch's environment */
	/* The image (or the folder beside the launch's file) has no such
	 * file although the launch names it: gunicorn would stop. */
	int absent;
	const char *absent_where; /* "the image", "this folder"... */
};
void launch_where_unknown(struct launch_where *w);

/*
 * A Python dependency file as read (requirements, pyproject.toml,
 * Pipfile, a lock): an input, or a file a launch installs or includes.
 */
struct gl_deps {
	char *path;                /* as given or found */
	enum pydeps_kind kind;
	struct pydeps pd;
	int failed;                /* could not be read as a whole */
	int input;                 /* one of the inputs (else read for a launch) */
	/* The -r files it includes, read as well; NULL: not found. */
	VEC(struct gl_deps *) includes;
	int includes_done;
};

struct gl_launch {
	char *id;                  /* "GUNICORN_CMD_ARGS", "command line"... */
	struct launch *model;      /* the effective settings */
	enum gl_version version;
	struct wk_info worker;     /* the worker class, resolved */
	struct launch_where where;
	/* Where findings about defaults point (the ENV line, the --args text). */
	struct span anchor;
	int stopped;               /* launch_eval said gunicorn would stop */
	/* The front-end records it came from, for the image and
	 * orchestration rules (NULL when not from one). */
	const struct k8s_launch *k8s;  /* a Kubernetes container or compose service */
	const struct k8s_set *k8s_set; /* its manifests: Services, ConfigMaps */
	const struct df_file *df;      /* the Dockerfile whose final stage runs it */
	struct gl_launch_conf *conf;   /* its config file, or NULL */
	const char *anchor_file;       /* the input it comes from, or NULL */
	int on_host;                   /* runs here: --format=gunicorn */
	int env_host;                  /* the environment is this process's */
	int env_open;                  /* see launch_base.env_open */
	int conf_only;                 /* a config file on its own: its
					  command line is gunilint's -c */
	/* The Procfile process (or app.yaml entrypoint) that runs it, and
	 * the file's format (PROC_PROCFILE: Heroku, PROC_APP_YAML). */
	const struct proc_entry *proc;
	const struct procfile *procfile;
	/*
	 * The dependency files it runs with: those its image's install steps
	 * name (deps_installed), else (an image without install steps of
	 * its own, or no image) the nearest ones (the directory of its file,
	 * then the parents).  See deps_find().
	 */
	const struct gl_deps *const *deps;
	size_t ndeps;
	int deps_installed;
	/* The pin or lock entry that chose `version`, or NULL. */
	const struct pydeps_rec *version_from;
	const struct sd_unit *sd;      /* the systemd .service that runs it */
	const struct sd_unit *sd_socket; /* the .socket unit that activates it */
	/*
	 * Words a shell computes when the container starts ($NAME the image
	 * does not set): findings about them are dropped, their value is
	 * not known here.
	 */
	VEC(struct span) runtime;
	/* Storage the model points into. */
	struct sw_words argv;
	VEC(struct launch_env) env;
	VEC(size_t *) offmaps;
};

struct input_kind;
struct launch_base;

/* One input file as read, for the filters (inline suppressions). */
struct set_file {
	const struct source *src;
	const struct input_kind *kind;
	/* a Kubernetes manifest's gunilint.io/ignore annotations */
	const struct k8s_annotation *annotations;
	size_t nannotations;
};

/* An env file as read, for the file rules. */
struct set_envfile {
	struct env_file *ef;
	/* A compose service that became a launch reads it (env_file:): its
	 * names are that launch's, judged there, so the file makes no
	 * launch of its own. */
	int in_service;
};

struct gl_launches {
	struct gl_launch *v;
	size_t n, cap;
	size_t nfiles;             /* inputs read, for the report summary */
	const char **paths;        /* their names, so -o never overwrites one */
	size_t unreadable;         /* inputs that could not be read: exit 2 */
	size_t npaths;
	VEC(struct set_file) files; /* the files read, in input order */
	VEC(struct gl_conf_file *) confs; /* gunicorn config files read */
	/* What the launches point into, freed with them. */
	struct k8s_set *ks;
	VEC(struct ydoc_stream *) docs;
	VEC(struct df_file *) dfs;
	VEC(struct set_envfile) envs;
	VEC(struct procfile *) procs;
	VEC(struct gl_deps *) deps;            /* every dependency file read */
	VEC(const struct gl_deps **) dep_lists; /* the launches' deps arrays */
	VEC(struct sd_unit *) sds;     /* systemd units, in input order */
	VEC(struct env_file *) envfiles; /* their EnvironmentFile= files */
	/* Each release's settings in definition order, listed once per run. */
	const struct set_def **defs[GV__COUNT];
	struct av_table *tables[GV__COUNT]; /* their option tables */
	struct launch_value *defaults[GV__COUNT]; /* their constant defaults */
	size_t ndefs[GV__COUNT];
	const struct launch_base *base; /* while model_collect runs */
};

/* What the command line asks the model to read. */
struct model_opts {
	enum gl_version version;
	int version_explicit;      /* --gunicorn-version: no pin overrides it */
	int check_host;            /* judge paths and users on this machine */
	double cpus;               /* --cpus, or <= 0 */
	const char *root;          /* --root */
	const char *target;        /* --target: the Dockerfile stage */
	const char *const *build_args; /* NAME=VALUE */
	size_t nbuild_args;
	const char *const *images; /* NAME=PATH */
	size_t nimages;
	const char *const *args;   /* --args values */
	size_t nargs;
	int use_env;               /* --env */
	char *const *cmdline;      /* words after "--" */
	int ncmdline;
	const char *const *paths;  /* files and directories */
	size_t npaths;
	const struct input_kind *stdin_kind; /* --kind: what "-" holds, and a
					       named file of no known name */
	const char *stdin_name;    /* --stdin-filename: the path "-" is */
	const struct gcfg *cfg;    /* exclude globs; may be NULL */
	int jobs;                  /* files parsed at once (<= 1: one) */
};

/*
 * Reads every input the options name and builds their launches.  Returns
 * 0, or 2 after saying why on stderr (a path that does not exist, a file
 * of unknown kind).  A file that cannot be read is said on stderr and
 * counted in out->unreadable; the others are still read.
 */
int model_collect(const struct model_opts *o, struct gl_launches *out,
    struct findings *fs);
void model_free(struct gl_launches *ls);

/* ---- one launch's effective values, for rules and reports (launch_value.c) ---- */

/* The effective value or NULL. */
const struct launch_value *lv(const struct gl_launch *l, const char *name);
/* Did the launch execute its config file (values known or runtime)? */
int launch_conf_read(const struct gl_launch *l);
/* Set by the user (any origin above the default)? */
int lv_given(const struct gl_launch *l, const char *name);
/* Integer value, or dflt when unset or not an int. */
long long lv_int(const struct gl_launch *l, const char *name, long long dflt);
/* String value (str or the printed text), or NULL for None. */
const char *lv_str(const struct gl_launch *l, const char *name);
int lv_bool(const struct gl_launch *l, const char *name);
/* The span of the last occurrence that set it, else the launch anchor. */
struct span lv_span(const struct gl_launch *l, const char *name);
/*
 * Where the value of that last occurrence is written ("gevent" of
 * "-k gevent"), on the command line or in GUNICORN_CMD_ARGS; else
 * lv_span().
 */
struct span lv_value_span(const struct gl_launch *l, const char *name);
/* The option as the user wrote it ("--threads=2"), or the setting name. */
const char *lv_written(const struct gl_launch *l, const char *name);

/* ---- the dependency files of a launch (from_deps.c) ---- */

/*
 * The record that names package `name` (PEP 503 normalized) in the
 * launch's dependency files, -r includes followed; a lock's entry before
 * a declaration's.  NULL when none does; *in (may be NULL) gets the file.
 */
const struct pydeps_rec *deps_find(const struct gl_launch *l,
    const char *name, const struct gl_deps **in);
/*
 * 1 when the launch has dependency files and every one lists its
 * packages (read whole, includes found, no bare URL or path, no
 * template): only then may a rule say a package is missing.
 */
int deps_complete(const struct gl_launch *l);
/*
 * The settings table for a gunicorn release as a pin writes it: the
 * newest known release not after it (the oldest for older ones).  -1
 * when `release` is no PEP 440 version.
 */
int deps_table_version(const char *release, enum gl_version *out);

/* ---- input kinds (kinds.c): the one table of what gunilint reads ---- */

struct input_file {
	char *path;           /* as given or found; "-" for stdin */
	const struct input_kind *kind;
	int explicit_path;    /* named on the command line */
	/* "-": stdin as read (path is --stdin-filename's name or "-");
	 * NULL for a file read from its path. */
	struct source *src;
};

struct input_files {
	struct input_file *v;
	size_t n, cap;
	/* Paths said on stderr and not read (a directory that could not be
	 * entered, a FIFO): the exit status is 2. */
	size_t errors;
};

/*
 * One kind of input.  Kinds that share a reader (Kubernetes and compose
 * YAML) are read together in input order, each group once, in the
 * order of this table; `finish` then turns what was read into launches.
 */
struct input_kind {
	const char *name;      /* the --kind value */
	const char *summary;   /* one line for --help and the man page */
	/* Names it is known by in a walk, space-separated shell globs
	 * matched without case against the base name; "" for none. */
	const char *globs;
	/* Whether the first bytes of an explicitly named file of unknown
	 * name look like this kind; NULL: never guessed. */
	int (*sniff)(const char *head);
	void (*read)(struct gl_launches *set, const struct model_opts *o,
	    const struct input_file *f, struct findings *fs);
	void (*finish)(struct gl_launches *set, const struct model_opts *o,
	    struct findings *fs);
	int inline_ignores;    /* '#' comments may hold gunilint ignore= */
	/* Called once after every kind was read and finished: launches of
	 * files no other launch used (a config file on its own). */
	void (*after)(struct gl_launches *set, const struct model_opts *o,
	    struct findings *fs);
	/* For a name glob another kind's files share (app.yaml, which may
	 * be a Kubernetes manifest): whether this file really is this
	 * kind; NULL: always. */
	int (*claims)(const char *path);
	/*
	 * Optional, for --jobs: read split in two.  parse() is the work on
	 * one file's bytes alone, safe on any thread; take() the rest, on
	 * the main thread in input order.  read() must equal set_read(),
	 * parse(), take().
	 */
	void *(*parse)(const struct model_opts *o, const struct source *src,
	    struct findings *fs);
	void (*take)(struct gl_launches *set, const struct model_opts *o,
	    const struct input_file *f, struct source *src, void *parsed,
	    struct findings *fs);
};

size_t kind_count(void);
const struct input_kind *kind_at(size_t i);
/* By --kind name; NULL when unknown. */
const struct input_kind *kind_find(const char *name);
/* The kind a file name says (globs), or NULL. */
const struct input_kind *kind_of_path(const char *path);
/* The kind the first bytes of a file suggest (NUL-terminated), or NULL. */
const struct input_kind *kind_sniff(const char *head);
/* "dockerfile, k8s, compose, args": every --kind value. */
const char *kind_names(void);
/*
 * The regular expression (Python re syntax, for pre-commit's `files:`)
 * that matches every file name a walk reads; caller frees.
 */
char *kind_files_regex(void);

/*
 * Collects the inputs under `paths` (files and directories).  stdin_kind
 * (--kind) is the kind of "-" and of a named file whose name says none
 * (before its first bytes are looked at); stdin_name (--stdin-filename)
 * is the path "-" stands for, whose name says its kind without --kind.  Returns 0, or 2 after
 * printing why.
 */
int walk_collect(const char *const *paths, size_t n,
    const struct input_kind *stdin_kind, const char *stdin_name,
    const struct gcfg *cfg, struct input_files *out);
void walk_free(struct input_files *f);

#endif
