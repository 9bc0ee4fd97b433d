/* cmd_stubs.c: placeholder commands until their modules land; each says so and fails. */
#include <stdio.h>

#include "cmd.h"
#include "version.h"

int
cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("gunilint %s\n", GUNILINT_VERSION);
	return 0;
}

#define NOT_YET(fn, what)                                                     \
	int fn(int argc, char **argv)                                         \
	{                                                                     \
		(void)argc;                                                   \
		(void)argv;                                                   \
		fprintf(stderr, "gunilint: '%s' is not built yet\n", what);   \
		return 2;                                                     \
	}
