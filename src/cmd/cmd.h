/*
 * cmd.h: the subcommands.  Each takes the arguments after the command name
 * (argv[0] is the command) and returns the process exit status:
 * 0 nothing at or above the fail level, 1 findings at or above it (or a
 * failed probe), 2 usage error or unreadable input.
 */
#ifndef GL_CMD_H
#define GL_CMD_H

#include <stddef.h>

int cmd_check(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_probe(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_version(int argc, char **argv);

/* probe's own options, for the man page and the completion (gen_docs). */
const char *probe_usage_text(void);
const char *probe_option_name(size_t i); /* NULL after the last */

#endif
