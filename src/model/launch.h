/*
 * launch.h: the settings gunicorn really runs with for one launch, merged
 * in gunicorn's own order (defaults with the import-time environment,
 * GUNICORN_CMD_ARGS, the config file, the command line), each value with
 * its origin and the spans that set it, and the first error gunicorn would
 * stop with (message and exit status).
 *
 * Use: fill a launch_ctx, launch_new(), feed the environment and the
 * command line, launch_eval(); then read launch_get()/launch_values() and
 * launch_error().  launch_free() releases everything.
 */
#ifndef GL_LAUNCH_H
#define GL_LAUNCH_H

#include <stddef.h>

#include "core/core.h"
#include "gunicorn/argv.h"
#include "front/shellwords.h"
#include "py/py.h"
#include "gunicorn/settings.h"
#include "gunicorn/validate.h"

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
};

/* An effective value. */
struct launch_value {
	const struct set_def *def;
	struct pyval *value;
	char *printed;            /* the --print-config text after "name = " */
	enum launch_origin origin;
	const char *origin_name;  /* "WEB_CONCURRENCY", "GUNICORN_CMD_ARGS",
				     "command line", a config path, "default" */
	/* The spans that set it: option and value of each occurrence. */
	VEC(struct span) spans;
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
void launch_free(struct launch *l);

/* The process environment; GUNICORN_CMD_ARGS, WEB_CONCURRENCY, PORT and
 * FORWARDED_ALLOW_IPS are taken from it (the last entry of a name wins).
 * Names and values are copied; offmap arrays must outlive l. */
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
 * `exception`, and exits 1.
 */
void launch_config_failed(struct launch *l, const char *exception);

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
/* Warnings gunicorn prints and goes on (ssl_version 21.0+...). */
size_t launch_warnings(const struct launch *l, const char *const **msgs);
const struct launch_value *launch_get(const struct launch *l, const char *name);
/* All values in --print-config order (by name); the array stays valid
 * until the next call or launch_free(). */
size_t launch_values(const struct launch *l, const struct launch_value **out);
/* APP_MODULE (first CLI positional) or wsgi_app; NULL when none. */
const char *launch_app_module(const struct launch *l, struct span *span);
/* The parses, for explain: the real command line and GUNICORN_CMD_ARGS. */
const struct av_result *launch_cli(const struct launch *l);
const struct av_result *launch_cmd_args(const struct launch *l);
const struct sw_words *launch_cmd_args_words(const struct launch *l);
/* The config file gunicorn would execute, or NULL. */
const char *launch_config_file(const struct launch *l, struct span *span,
    enum launch_origin *from);

/* The whole --print-config output (lines "name = value\n"). */
char *launch_print_config(const struct launch *l);

#endif
