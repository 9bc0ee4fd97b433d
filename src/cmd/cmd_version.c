/* cmd_version.c: `gunilint version`: the program's version and the gunicorn releases it knows. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "gunicorn/gunicorn.h"
#include "version.h"

int
cmd_version(int argc, char **argv)
{
	unsigned v;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		cmd_plain_usage(stdout, "version");
		return 0;
	}
	printf("gunilint %s\ngunicorn releases:", GUNILINT_VERSION);
	for (v = 0; v < GV__COUNT; v++)
		printf(" %s", gv_name((enum gl_version)v));
	printf(" (default %s)\n", gv_name(GV_NEWEST));
	return 0;
}
