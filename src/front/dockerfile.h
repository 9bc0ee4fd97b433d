/*
 * dockerfile.h: the Dockerfile front-end.  It parses a Dockerfile the way
 * Docker's own parser does (directives, continuations, heredocs, exec and
 * shell forms, ENV/ARG substitution with quote removal), evaluates the
 * stages, and describes the image that runs: its environment, user, ports,
 * copied files, installed Python packages and how it starts gunicorn.
 *
 * Ownership: df_parse() creates a struct df_file; everything reachable from
 * it (strings, offset maps, records) lives in the file's arena and is freed
 * by df_free().  Spans point into sources of the core registry (the
 * Dockerfile and any entry script or requirements file read from the build
 * context), which live until src_registry_free().  A front-end never judges:
 * the only findings it adds are GL001 for what Docker itself would reject.
 *
 * Integration with the launch model: df_final_image() gives the image that
 * runs.  Its launch (struct df_launch) holds the words after the gunicorn
 * program, already split, each with an offset map into its source (the
 * Dockerfile, or the entry script for launch.script != NULL): feed them to
 * the argv parser.  The environment is image.env (ENV of the stage chain,
 * last assignment wins) plus launch.assigns (NAME=value words written
 * before the command in a shell); GUNICORN_CMD_ARGS's value is a df_str
 * whose offmap the GUNICORN_CMD_ARGS splitter takes as is.  image.workdir
 * is where ./gunicorn.conf.py is looked up (image.default_conf is the COPY
 * that puts one there).  The image rules then read the effective
 * settings from the launch (rules/image.h).
 */
#ifndef GL_DOCKERFILE_H
#define GL_DOCKERFILE_H

#include <stddef.h>

#include "../core/core.h"

/*
 * A value with the file offset of each of its bytes: offmap[i] is the
 * source offset of s[i] (offmap[len] is one past the last byte's offset).
 * Bytes produced by substitution map to the start of the `$` reference;
 * bytes that came from another source (an ARG default) map there too.
 * This is what the GUNICORN_CMD_ARGS splitter needs to point at a column.
 */
struct df_str {
	char *s;          /* NUL-terminated; may be "" */
	size_t len;
	size_t *offmap;   /* len + 1 entries */
	struct span span; /* the whole value as written in the file */
};

/* Instruction keywords, in Docker's reference order. */
enum df_kw {
	DF_UNKNOWN = 0,
	DF_FROM, DF_RUN, DF_CMD, DF_LABEL, DF_MAINTAINER, DF_EXPOSE, DF_ENV,
	DF_ADD, DF_COPY, DF_ENTRYPOINT, DF_VOLUME, DF_USER, DF_WORKDIR,
	DF_ARG, DF_ONBUILD, DF_STOPSIGNAL, DF_HEALTHCHECK, DF_SHELL,
};

struct df_flag {          /* --name=value before the arguments */
	char *name;       /* without the dashes */
	struct df_str value;
	struct span span;
};

struct df_heredoc {
	char *name;       /* the marker without quotes */
	int chomp;        /* <<- : leading tabs removed from the body */
	int quoted;       /* marker was quoted: no expansion in the body */
	struct df_str body;
};

/* One instruction: a logical line after continuations are joined. */
struct df_instr {
	enum df_kw kw;
	char *keyword;            /* as written, e.g. "run" */
	struct span span;         /* first to last byte, across continuations */
	struct df_flag *flags;
	size_t nflags;
	struct df_str args;       /* after keyword and flags, continuations removed */
	int json;                 /* exec (JSON array) form */
	struct df_str *words;     /* JSON elements, or whitespace words (raw) */
	size_t nwords;
	struct df_heredoc *heredocs;
	size_t nheredocs;
	struct df_instr *sub;     /* ONBUILD: the instruction it holds */
};

/* A command as the image config stores it (CMD, ENTRYPOINT, SHELL). */
struct df_cmd {
	int set;                  /* 0: not given (inherit or empty) */
	int json;                 /* written in exec form */
	struct df_str *argv;      /* as Docker stores it: shell form already wrapped in SHELL */
	size_t argc;
	const struct df_instr *in;
};

enum df_var_kind { DF_VAR_ENV, DF_VAR_ARG };

struct df_var {
	char *name;
	struct df_str value;      /* after substitution and quote removal */
	struct span name_span;
	struct span span;         /* the whole assignment */
	int stage;                /* index of the stage that set it, -1 global ARG */
	enum df_var_kind kind;
	int has_value;            /* ARG without default and without --build-arg: 0 */
};

struct df_copy {
	int add;                  /* ADD rather than COPY */
	struct df_str *srcs;
	size_t nsrcs;
	struct df_str dest;       /* as written (after substitution) */
	char *abs_dest;           /* dest resolved against WORKDIR */
	const char *from;         /* --from value, or NULL */
	const char *chown, *chmod;
	const struct df_heredoc *heredoc; /* COPY <<EOF dest: the inline file */
	struct span span;         /* the instruction */
	int stage;
};

struct df_health {
	int set;
	int none;                 /* HEALTHCHECK NONE */
	struct df_cmd cmd;
	struct span span;
};

struct df_port {
	char *text;               /* "8000/tcp" after substitution */
	unsigned port;            /* 0 when not a number (a range or a variable) */
	struct span span;
};

/* A Python package an install step names. */
struct df_pkg {
	char *name;               /* PEP 503 normalised: lower case, '-' */
	char *extras;             /* "standard" for uvicorn[standard], or NULL */
	char *spec;               /* "==0.30.1", or NULL */
	struct span span;         /* where it is named (Dockerfile or requirements file) */
	int stage;
};

enum df_manifest_kind {
	DF_MF_REQUIREMENTS, DF_MF_PYPROJECT, DF_MF_POETRY_LOCK, DF_MF_PIPFILE,
	DF_MF_PIPFILE_LOCK, DF_MF_UV_LOCK, DF_MF_SETUP_PY,
};

struct df_manifest {
	enum df_manifest_kind kind;
	char *path;               /* local path in the build context (as written in COPY) */
	const char *tool;         /* "pip", "poetry", "pipenv", "uv", or NULL: only copied */
	struct span span;
	int stage;
};

enum df_launch_kind {
	DF_LAUNCH_NONE,           /* no CMD/ENTRYPOINT in the Dockerfile: the base image decides */
	DF_LAUNCH_GUNICORN,
	DF_LAUNCH_UVICORN,
	DF_LAUNCH_UNKNOWN,        /* something starts, gunicorn or not cannot be told */
	DF_LAUNCH_OTHER,          /* resolved: a program that is neither */
};

enum df_exec {
	DF_EXEC_PID1,             /* exec form, or exec'd by every shell in the chain */
	DF_EXEC_SHELL,            /* started by a shell without exec */
	DF_EXEC_SCRIPT,           /* started by an entry script without exec */
};

/* A word after splitting, with the file offset of each byte. */
struct df_word {
	char *s;
	size_t len;
	size_t *offmap;           /* len + 1 entries, into span.src */
	struct span span;
};

struct df_launch {
	enum df_launch_kind kind;
	struct df_word prog;          /* "gunicorn", "/venv/bin/gunicorn", "python" */
	struct df_word *argv;         /* the words after gunicorn (or uvicorn / -m gunicorn) */
	size_t argc;
	enum df_exec exec;
	struct span span;             /* the command that starts it (file or entry script) */
	const struct source *script;  /* entry script it was found in, or NULL */
	struct span wrapper;          /* a wrapper script that does not exec "$@", or empty */
	struct span not_exec;         /* where the chain lost PID 1 (a command without exec) */
	const char *run_user;         /* gosu/su-exec user the launch switches to, or NULL */
	int argv_inexact;             /* argv holds $VAR words a shell expands at run time */
	struct df_word *assigns;      /* `export NAME=value` earlier in the script, then
	                                 NAME=value words before the command itself */
	size_t nassigns;              /* (they add to the environment of this launch only;
	                                 later entries win) */
	const char *why;              /* DF_LAUNCH_UNKNOWN: the reason, static text */
};


/* The image that runs: the final (or target) stage with what it inherits. */
struct df_image {
	int stage;
	VEC(struct df_var) env;       /* ENV of the stage chain, one per name, in first-set
	                                 order with the last value (as the image config) */
	VEC(struct df_var) args;      /* ARGs in scope in the final stage */
	struct df_str workdir;        /* absolute; s == NULL when never set ("/") */
	struct span workdir_span;
	struct df_str user;           /* s == NULL when never set (the base's user) */
	struct span user_span;
	int user_set;
	VEC(struct df_port) expose;
	VEC(struct df_str) volumes;   /* VOLUME paths after substitution */
	struct df_health health;
	struct df_cmd shell, entrypoint, cmd;
	struct df_str stopsignal;
	VEC(const struct df_instr *) onbuild;
	VEC(struct df_copy) copies;   /* copies of the whole chain and stages it copies from */
	VEC(struct df_pkg) pkgs;
	VEC(struct df_manifest) manifests;
	int has_install;              /* some step installs Python packages */
	int pkgs_unknown;             /* an install step names packages we cannot list */
	struct df_launch launch;
	int inherits_launch;          /* the chain starts from an external image, whose
	                                 CMD, ENTRYPOINT and ENV are not known here */
	int base_plain;               /* the external base is a plain OS/python image (no app packages,
	                                 no USER, no ENTRYPOINT of its own) */
	struct span base_span;        /* FROM of that external base */
	struct df_word *final_argv;   /* ENTRYPOINT + CMD as Docker runs it */
	size_t final_argc;
	const struct df_copy *default_conf; /* a copy of gunicorn.conf.py into WORKDIR */
};

struct df_stage {
	int index;
	char *name;                   /* AS name, lower case, or NULL */
	struct df_str base;           /* image after substitution */
	int parent;                   /* index of the stage it is FROM, or -1 */
	const char *platform;
	struct span span;             /* the FROM instruction */
	size_t first, last;           /* instruction index range */
	struct df_image *image;       /* the stage's config at its end */
};

struct df_buildarg {
	const char *name, *value; /* --build-arg NAME=VALUE */
};

struct df_opts {
	const char *context_dir;  /* build context; NULL: the Dockerfile's directory,
	                             or its parent when the COPY sources are there */
	const char *target;       /* --target stage name, or NULL: the last stage */
	const struct df_buildarg *buildargs;
	size_t nbuildargs;
	int no_context;           /* do not read files from the context (fuzzing) */
};

struct df_file {
	const struct source *src;
	struct arena *arena;
	char escape;              /* '\\' or '`' */
	char *syntax;             /* # syntax= value, or NULL */
	VEC(struct df_instr) instrs;
	VEC(struct df_stage) stages;
	int final;                /* index of the stage that runs, -1 none */
	VEC(struct df_var) global_args;
	struct df_image *image;   /* NULL when the file has no FROM */
	char *context_dir;        /* where COPY sources are read; NULL with no_context */
	struct df_opts opts;
};

/*
 * Parses src, evaluates its stages and resolves the launch.  Adds GL001
 * findings for syntax errors and carries on.  Returns 0, or -1 when nothing
 * could be made of the file (then *out is still a valid, empty df_file).
 * opts may be NULL.  The caller frees *out with df_free().
 */
int df_parse(const struct source *src, const struct df_opts *opts,
    struct df_file **out, struct findings *fs);
const struct df_image *df_final_image(const struct df_file *df);
void df_free(struct df_file *df);

const char *df_kw_name(enum df_kw kw);
const char *df_basename(const char *path);
/* df_aprintf: a formatted string in the file's arena. */
char *df_aprintf(struct arena *a, const char *fmt, ...) GL_PRINTF(2, 3);
const char *df_launch_kind_name(enum df_launch_kind k);

/* ---- pieces, public for tests and for other front-ends ---- */

/* Variables for substitution: a tiny ordered map (last set wins). */
struct df_env {
	VEC(struct df_var) v;
	int keep_unset;   /* leave $NAME of unknown variables as written (base image ENV) */
	size_t *slot;     /* hash index: 1 + position in v, 0 empty */
	size_t nslot;
};
const struct df_var *df_env_get(const struct df_env *env, const char *name);
/* Copies *v; a name set again (same kind) keeps its place.  Returns the index. */
size_t df_env_set(struct df_env *env, const struct df_var *v);
void df_env_clear(struct df_env *env);
void df_env_release(struct df_env *env);

/*
 * Docker's word processing (its shell lexer): $VAR, ${VAR}, ${VAR:-x},
 * ${VAR:+x}, ${VAR-x}, ${VAR+x}, quote removal and escapes.  `in` is the
 * raw text with its offset map; `expand` 0 only removes quotes.  Returns 0,
 * or -1 with *err (static text) and *erroff (source offset).
 */
int df_process_word(struct arena *a, const struct df_str *in,
    const struct df_env *env, char escape, int expand, struct df_str *out,
    const char **err, size_t *erroff);

/*
 * A plain POSIX shell word splitter that keeps spans, for RUN/CMD shell
 * strings and entry scripts.  It is not gunicorn's shlex: it knows quotes,
 * backslashes, comments and the control operators (&& || ; | & newline,
 * returned as words with op set), and leaves $… untouched.
 */
struct df_shword {
	struct df_word w;
	int op;        /* a control operator, not a word */
	int quoted;    /* some part was quoted */
};
size_t df_sh_split(struct arena *a, const struct df_str *in,
    const struct source *src, struct df_shword **out);

/* The file span of bytes [from, to) of a value. */
struct span df_str_span(const struct df_str *s, size_t from, size_t to);

/* Makes a df_str of text that is contiguous in src (offmap = off + i). */
struct df_str df_str_from_src(struct arena *a, const struct source *src,
    size_t off, size_t len);

#endif
