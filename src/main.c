/* main.c: argv → a subcommand → exit status.  Each command lives in src/cmd/. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/core.h"
#include "version.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "check", cmd_check, "lint files, directories or a GUNICORN_CMD_ARGS value" },
	{ "explain", cmd_explain, "what a launch does, option by option" },
	{ "probe", cmd_probe, "boot a TLS listener with the configured cert/key and test it" },
	{ "rules", cmd_rules, "list the rules, or show one rule's documentation" },
	{ "version", cmd_version, "print the version" },
};

static void
usage(FILE *fp)
{
	size_t i;

	fputs("usage: gunilint COMMAND [OPTIONS] [PATH...]\n\ncommands:\n", fp);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(fp, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'gunilint COMMAND --help' lists a command's options.\n", fp);
}

int
main(int argc, char **argv)
{
	size_t i;
	int rc;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(argc - 1, argv + 1);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[1], commands[i].name) == 0) {
			rc = commands[i].run(argc - 1, argv + 1);
			src_registry_free();
			return rc;
		}
	}
	gl_error("unknown command '%s'", argv[1]);
	usage(stderr);
	return 2;
}
