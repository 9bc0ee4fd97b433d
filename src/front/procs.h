/*
 * procs.h: three front-ends for how a process is started outside an image:
 * env files (docker's --env-file and compose's dotenv), Heroku Procfiles
 * (and App Engine's app.yaml entrypoint), and systemd units.  Each turns
 * one source into records with spans and judges none of them.
 *
 * Ownership: each reader returns an object that owns every record and
 * string in it and is freed with its *_free(); *_free(NULL) is a no-op.
 * Spans point into the source, which the source registry keeps alive.
 * Every reader always returns an object: a line it cannot take becomes a
 * procs_error and the rest of the file is still read.
 */
#ifndef GL_PROCS_H
#define GL_PROCS_H

#include <stddef.h>

#include "core/core.h"
#include "front/shellwords.h"

/* A line the program would refuse (or warn about), in its own words. */
struct procs_error {
	const char *message;
	struct span span;
	int warning;	/* the program says so but goes on using the line */
};

/* ---- env files (envfile.c) ---------------------------------------------- */

enum env_dialect {
	ENV_DOCKER,	/* docker run --env-file: KEY=VAL taken literally */
	ENV_COMPOSE,	/* compose env_file: and .env: compose-go's dotenv */
};

enum env_kind {
	ENV_ASSIGN,	/* NAME=value */
	ENV_INHERIT,	/* NAME alone: the value comes from the host's environment */
	ENV_TEMPLATE,	/* a template tag line ({% if %}, {# #}, {{ }}): unrendered */
};

/* A $NAME or ${NAME...} that compose substituted in a value. */
struct env_ref {
	const char *name;
	struct span span;	/* from the $ to the end of the reference */
	int resolved;		/* the lookup or an earlier line gave a value */
};

struct env_item {
	enum env_kind kind;
	const char *name;	/* NULL for ENV_TEMPLATE */
	struct span name_span;
	const char *value;	/* after quote removal and substitution; NULL unless ENV_ASSIGN */
	size_t len;		/* of value (which may hold NULs) */
	const size_t *off;	/* source offset of each value byte */
	struct span value_span;	/* the value's bytes as written, quotes included */
	struct span span;	/* the whole statement */
	char quote;		/* 0, '\'' or '"' (compose only) */
	const struct env_ref *refs;
	size_t nrefs;
};

/*
 * Compose looks a name up in the host's environment first, then in the
 * lines above.  The function returns the value or NULL when unset; it may
 * be NULL itself (nothing is set on the host).
 */
typedef const char *(*env_lookup_fn)(const char *name, void *ctx);

struct env_file {
	const struct source *src;
	enum env_dialect dialect;
	VEC(struct env_item) items;
	VEC(struct procs_error) errors;
	struct arena *arena;
};

struct env_file *env_parse(const struct source *src, enum env_dialect d,
    env_lookup_fn lookup, void *ctx);
/* The last ENV_ASSIGN or ENV_INHERIT of name, or NULL. */
const struct env_item *env_get(const struct env_file *ef, const char *name);
/* Source span of value bytes [from, from+n) of an item. */
struct span env_value_span(const struct env_item *it, size_t from, size_t n);
void env_free(struct env_file *ef);

/* ---- Procfiles (procfile.c) --------------------------------------------- */

enum proc_format {
	PROC_PROCFILE,	/* Heroku: "name: command" lines */
	PROC_APP_YAML,	/* App Engine: the top-level entrypoint: of app.yaml */
};

enum proc_kind {
	PROC_PROCESS,	/* a process type and its command */
	PROC_IGNORED,	/* a line that is not "name: command": Heroku skips it */
};

/* A $PORT or ${PORT...}: the platform sets PORT when the process starts. */
struct proc_port {
	struct span span;
	size_t word;	/* index into words of the word holding it */
};

struct proc_entry {
	enum proc_kind kind;
	const char *name;	/* "web"; "entrypoint" in app.yaml */
	struct span name_span;
	const char *command;	/* the command as written (NULL if ignored) */
	struct span command_span;
	/* split as shlex.split does (shellwords.h); empty if that failed */
	struct sw_words words;
	VEC(struct proc_port) ports;
	struct span span;	/* the whole line */
};

struct procfile {
	const struct source *src;
	enum proc_format format;
	VEC(struct proc_entry) entries;
	VEC(struct procs_error) errors;
	struct arena *arena;
};

/* PROC_APP_YAML for a file named app.yaml or app.yml, else PROC_PROCFILE. */
enum proc_format proc_format_of(const char *path);
struct procfile *proc_parse(const struct source *src, enum proc_format f);
void proc_free(struct procfile *pf);

/* ---- systemd units (systemd.c) ------------------------------------------ */

/* Prefixes of an Exec*= command (systemd.service(5), table 1). */
enum sd_exec_flag {
	SD_EXEC_IGNORE_FAILURE = 1 << 0,	/* "-" */
	SD_EXEC_ARGV0 = 1 << 1,			/* "@": words[1] is argv[0] */
	SD_EXEC_NO_ENV_EXPAND = 1 << 2,		/* ":" */
	SD_EXEC_PRIVILEGED = 1 << 3,		/* "+" */
	SD_EXEC_NO_SETUID = 1 << 4,		/* "!" */
	SD_EXEC_AMBIENT = 1 << 5,		/* "!!" */
};

enum sd_ref_mode {
	SD_REF_SPLIT,	/* the word is $NAME: the value split at whitespace */
	SD_REF_BRACED,	/* ${NAME} anywhere: the value as one piece */
	SD_REF_LITERAL,	/* $NAME inside a word, or under ":": passed as is */
};

/* A variable reference in a word, expanded by systemd when it execs. */
struct sd_ref {
	const char *name;
	enum sd_ref_mode mode;
	size_t word;		/* index into the command's words */
	size_t from, len;	/* the reference's bytes in that word's value */
	struct span span;
	const char *env_value;	/* the unit's own last Environment= value, or NULL */
};

/* A specifier (%i, %h ...), resolved when systemd loads the unit. */
struct sd_spec {
	char spec;
	size_t word;		/* index into the record's words (0 for settings) */
	struct span span;	/* the %x */
	int expanded;		/* replaced from the unit name; else left as %x */
};

struct sd_exec {
	const char *key;	/* "ExecStart", "ExecStartPre" ... */
	int reset;		/* an empty assignment: the list so far is cleared */
	unsigned flags;		/* enum sd_exec_flag */
	/* words[0] is the executable; argv starts at words[1] with "@" */
	struct sw_words words;
	VEC(struct sd_ref) refs;
	VEC(struct sd_spec) specs;
	struct span span;	/* the command, prefixes included */
};

/* One assignment of an Environment= line. */
struct sd_env {
	int reset;
	const char *name, *value;	/* NUL-terminated copies */
	struct sw_word word;		/* "NAME=value" after unquoting */
	struct span name_span, value_span;
	VEC(struct sd_spec) specs;
};

enum sd_key {
	SD_ENVIRONMENT_FILE,
	SD_USER,
	SD_GROUP,
	SD_WORKING_DIRECTORY,
	SD_LISTEN_STREAM,
};

enum sd_listen {
	SD_LISTEN_PORT,		/* "8000" */
	SD_LISTEN_ADDRESS,	/* "127.0.0.1:8000", "[::1]:8000" */
	SD_LISTEN_PATH,		/* "/run/app.sock" */
	SD_LISTEN_ABSTRACT,	/* "@name" */
	SD_LISTEN_OTHER,	/* "vsock:..." and the rest */
};

/* EnvironmentFile=, User=, Group=, WorkingDirectory=, ListenStream=. */
struct sd_setting {
	enum sd_key key;
	int reset;		/* empty assignment */
	int optional;		/* "-" prefix: a missing path is no error */
	int home;		/* WorkingDirectory=~: the home of User= */
	enum sd_listen listen;	/* ListenStream= only */
	struct sw_word value;	/* prefix removed, specifiers expanded if known */
	VEC(struct sd_spec) specs;
	struct span span;	/* the whole value as written */
};

/* Every Key=value as the INI reader sees it, in file order. */
struct sd_assign {
	const char *section;	/* "Service" */
	const char *key;
	struct span key_span;
	struct sw_word value;	/* continuation lines joined; off maps each byte */
	struct span span;	/* the logical line */
};

struct sd_unit {
	const struct source *src;
	const char *name;	/* the unit name passed in, or NULL */
	VEC(struct sd_assign) assigns;
	VEC(struct sd_exec) execs;
	VEC(struct sd_env) envs;
	VEC(struct sd_setting) settings;
	VEC(struct procs_error) errors;
	struct arena *arena;
};

/*
 * Reads a unit file.  unit_name ("web@8000.service"), when not NULL,
 * lets %n %N %p %P %i %I %j %J %f be expanded as systemd would; other
 * specifiers (and all of them without a name) stay as written and are
 * listed with expanded = 0.  "%%" is always "%".
 */
struct sd_unit *sd_parse(const struct source *src, const char *unit_name);
void sd_free(struct sd_unit *u);

#endif
