/*
 * commands.c: the subcommands in one table, read by main() to dispatch,
 * by `gunilint --help`, `gunilint help COMMAND`, `COMMAND --help` and by
 * tools/gen_docs.c for the man page and the completions, so they say the
 * same thing.
 */
#include <string.h>

#include "cmd/cmd.h"
#include "core/core.h"

static int cmd_help(int argc, char **argv);

static const struct gl_command commands[] = {
	{ "check", OC_CHECK, cmd_check,
	  "[OPTIONS] [PATH...] [-- gunicorn ARGS...]",
	  N_("lint files, directories or a GUNICORN_CMD_ARGS value"),
	  N_("Lint the launches found in the given files and directories "
	  "(default: the current directory), in --args values, in the "
	  "environment (--env) or in a gunicorn command line after --."), NULL },
	{ "explain", OC_EXPLAIN, cmd_explain,
	  "[OPTIONS] [PATH...] [-- gunicorn ARGS...]",
	  N_("what a launch does, option by option"),
	  N_("Say what a launch does, option by option: the setting each option "
	  "sets, its effective value, where it came from and what it means."),
	  "text json gunicorn" },
	{ "probe", OC_PROBE, cmd_probe,
	  "[OPTIONS] [PATH...] [-- gunicorn ARGS...]",
	  N_("boot a TLS listener with the configured cert/key and test it"),
	  N_("Start a short-lived TLS server on 127.0.0.1 with the configured "
	  "certificate, key and ciphers (or run the real gunicorn, or connect "
	  "to a running server), connect to it, and report what was "
	  "negotiated."), NULL },
	{ "rules", OC_RULES, cmd_rules, "[OPTIONS] [ID|SLUG]",
	  N_("list the rules, or show one rule's documentation"),
	  N_("List the rules, or print one rule's documentation: its severity, "
	  "what it checks, why, how to fix it, and an example."),
	  "text json" },
	{ "version", 0, cmd_version, "",
	  N_("print the version"),
	  N_("Print gunilint's version and the gunicorn releases whose settings "
	  "it knows."), NULL },
	{ "help", 0, cmd_help, "[COMMAND]",
	  N_("show the commands, or one command's options"),
	  N_("Without COMMAND, list the commands; with one, print what "
	  "'gunilint COMMAND --help' prints."), NULL },
};

const struct gl_command *
cmd_table(size_t *n)
{
	*n = sizeof(commands) / sizeof(commands[0]);
	return commands;
}

const struct gl_command *
cmd_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

void
cmd_usage(FILE *fp)
{
	size_t i;

	fputs(_("usage: gunilint COMMAND [OPTIONS] [PATH...]\n\ncommands:\n"), fp);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(fp, "  %-8s %s\n", commands[i].name,
		    _(commands[i].summary));
	fputs(_("\n'gunilint help COMMAND' or 'gunilint COMMAND --help' lists a "
	    "command's options.\n"), fp);
}

/* What a command without an option table prints for --help. */
int
cmd_plain_usage(FILE *fp, const char *name)
{
	const struct gl_command *c = cmd_find(name);

	if (c == NULL)
		return -1;
	fprintf(fp, _("usage: gunilint %s%s%s\n\n"), c->name,
	    c->synopsis[0] ? " " : "", c->synopsis);
	opts_wrap(fp, _(c->description), 76);
	return 0;
}

/* `gunilint help [COMMAND]`: the command's own --help, so they agree. */
static int
cmd_help(int argc, char **argv)
{
	const struct gl_command *c;
	char help[] = "--help";
	char *args[3];
	int i, j;

	/* --lang was read by main(); the words after it are the command. */
	for (i = j = 1; i < argc; i++) {
		if (strncmp(argv[i], "--lang=", 7) == 0)
			continue;
		if (strcmp(argv[i], "--lang") == 0) {
			i++;
			continue;
		}
		argv[j++] = argv[i];
	}
	argc = j;
	if (argc < 2) {
		cmd_usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_plain_usage(stdout, "help") == 0 ? 0 : 2;
	if (argc > 2 || (c = cmd_find(argv[1])) == NULL) {
		gl_cmd_error("help", "no command '%s'", argv[1]);
		cmd_usage(stderr);
		return 2;
	}
	if (c->run == cmd_help)
		return cmd_plain_usage(stdout, c->name) == 0 ? 0 : 2;
	args[0] = argv[1];
	args[1] = help;
	args[2] = NULL;
	return c->run(2, args);
}
