/*
 * cmd: the subcommands and the option table they share (the one source
 * of --help, the man page and the completions).
 */
#ifndef GL_CMD_PUBLIC_H
#define GL_CMD_PUBLIC_H

#include <stddef.h>
#include <stdio.h>

#include "core/core.h"

/*
 * cmd: the subcommands.  Each takes the arguments after the command name
 * (argv[0] is the command) and returns the process exit status:
 * 0 nothing at or above the fail level, 1 findings at or above it (or a
 * failed probe), 2 usage error or unreadable input.
 */
int cmd_check(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_probe(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_version(int argc, char **argv);

/*
 * The subcommands in one table (commands.c): main() dispatches through it,
 * and --help, `help COMMAND` and the man page (tools/gen_docs.c) print
 * its synopsis, summary and description.
 */
struct gl_command {
	const char *name;
	unsigned options;      /* OC_* bit of its options in opt_table(); 0: none */
	int (*run)(int argc, char **argv);
	const char *synopsis;  /* after "gunilint NAME " */
	const char *summary;   /* one line, for `gunilint --help` */
	const char *description;
	/* Its --format values, space-separated; NULL: the report formats
	 * (rpt_format_name()), or none when it has no --format. */
	const char *formats;
};

const struct gl_command *cmd_table(size_t *n);
const struct gl_command *cmd_find(const char *name);
/* `gunilint --help`: the commands and their summaries. */
void cmd_usage(FILE *fp);
/* "usage: gunilint NAME SYNOPSIS" and the description; -1: no such command. */
int cmd_plain_usage(FILE *fp, const char *name);

/*
 * probe's own options (cmd_probe.c), for its --help, the man page and the
 * completions: entry i, NULL after the last.  An entry with name NULL is
 * a heading (its help), the options after it belong to it.
 */
struct probe_option_doc {
	const char *name;     /* long name without "--" */
	const char *metavar;  /* NULL for flags */
	const char *help;
};
const struct probe_option_doc *probe_option_doc(size_t i);
void probe_usage(FILE *fp);

/*
 * opts: the command-line options of every subcommand, in one sorted table
 * (the single source for --help, the man page and the completions), and the
 * parsed result shared by the commands.
 */
/* Which commands accept an option (bit mask). */
enum {
	OC_CHECK = 1 << 0,
	OC_EXPLAIN = 1 << 1,
	OC_PROBE = 1 << 2,
	OC_RULES = 1 << 3,
	OC_INPUT = OC_CHECK | OC_EXPLAIN | OC_PROBE,
	OC_ALL = OC_INPUT | OC_RULES,
};

enum opt_id {
	O_ARGS, O_BUILD_ARG, O_COLOR, O_CONFIG, O_CPUS, O_ENV, O_FAIL_LEVEL,
	O_FORMAT, O_GUNICORN_VERSION, O_HELP, O_IGNORE, O_IMAGE, O_JOBS, O_KIND,
	O_LANG,
	O_MAX_FILE_SIZE, O_NO_INLINE_IGNORES, O_OUTPUT, O_REPORT_UNUSED, O_ROOT,
	O_RULES_DIR, O_SELECT, O_STDIN_FILENAME, O_TARGET,
};

struct gl_option {
	const char *name;     /* long name without "--" */
	char shortname;       /* 0 if none */
	const char *metavar;  /* NULL for flags */
	unsigned commands;    /* OC_* mask */
	enum opt_id id;
	const char *help;
	/* The values it takes, from the table that defines them ("dockerfile,
	 * k8s, ..."), printed after the help; NULL: none listed. */
	const char *(*values)(void);
};

const struct gl_option *opt_table(size_t *n);
extern const char *const opt_color_words[]; /* NULL-terminated */

/*
 * One report of check: --format and the -o after it.  format NULL: the
 * command's default; output NULL or "-": stdout.
 */
struct gl_report_spec {
	const char *format;
	const char *output;
};

struct gl_opts {
	const char *command;
	const char *format;       /* NULL: the command's default (the last
				     --format, for commands of one report) */
	const char *output;       /* -o FILE (the last) */
	/* Every --format and -o in order, each -o bound to the --format
	 * before it (an -o before any --format waits for the next). */
	VEC(struct gl_report_spec) reports;
	const char *color;        /* auto|always|never */
	const char *config;
	const char *gunicorn_version;
	const char *root;
	const char *rules_dir;
	const char *kind;         /* what stdin holds */
	const char *stdin_name;   /* --stdin-filename: the path "-" stands for */
	const char *fail_level;
	const char *target;       /* Dockerfile stage */
	double cpus;              /* < 0: unknown */
	int jobs;                 /* --jobs; 0: the CPUs available */
	size_t max_file_size;     /* --max-file-size; 0: no limit */
	int max_file_size_given;  /* on the command line: the config defers */
	int use_env;
	int no_inline_ignores;
	int report_unused;
	VEC(const char *) args;       /* --args values, in order */
	VEC(const char *) paths;      /* positional paths */
	VEC(const char *) build_args; /* NAME=VALUE */
	VEC(const char *) images;     /* NAME=PATH */
	VEC(const char *) ignore;
	VEC(const char *) select;
	int ncmdline;             /* words after "--" (a gunicorn command line) */
	char **cmdline;
};

/*
 * Parses argv (argv[0] is the command name) for command mask `cmd`.
 * Returns 0, 1 when --help was printed, or 2 after printing a usage error.
 */
int opts_parse(struct gl_opts *o, unsigned cmd, int argc, char **argv);
void opts_free(struct gl_opts *o);
/* --help: the command's synopsis and description (commands.c), its options. */
void opts_usage(FILE *fp, const char *command, unsigned cmd);
void opts_usage_head(FILE *fp, const char *command);
/* s on lines of at most width columns, then a newline. */
void opts_wrap(FILE *fp, const char *s, size_t width);

#endif
