/* main.c: argv → a subcommand (the table in src/cmd/commands.c) → exit status. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/core.h"

int
main(int argc, char **argv)
{
	const struct gl_command *c;
	int rc;

	/* Before anything is printed: --help and errors speak it too. */
	gl_i18n_init(gl_i18n_lang_arg(argc, argv));
	/* `gunilint --lang zh_CN COMMAND ...`: the option before the command. */
	while (argc >= 2 && strncmp(argv[1], "--lang", 6) == 0 &&
	    (argv[1][6] == '=' || (argv[1][6] == '\0' && argc >= 3))) {
		argc -= argv[1][6] == '=' ? 1 : 2;
		argv += argv[1][6] == '=' ? 1 : 2;
	}
	if (argc < 2) {
		cmd_usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		cmd_usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(argc - 1, argv + 1);
	if ((c = cmd_find(argv[1])) != NULL) {
		rc = c->run(argc - 1, argv + 1);
		src_registry_free();
		return rc;
	}
	gl_error("unknown command '%s'", argv[1]);
	cmd_usage(stderr);
	return 2;
}
