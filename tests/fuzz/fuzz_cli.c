/*
 * fuzz_cli.c: libFuzzer harness for the command-line options and the
 * exclude globs.  The input's lines are argv words for every command's
 * option parser (the first byte picks the command); the first line is
 * also an exclude glob matched against each later line as a path.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const unsigned commands[] = { OC_CHECK, OC_EXPLAIN, OC_PROBE, OC_RULES };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int quiet;
	struct gl_opts o;
	char *text, **argv, *p;
	int argc = 1, i;
	size_t n;

	if (!quiet++) { /* --help prints the usage to stdout */
		int fd = open("/dev/null", O_WRONLY);

		if (fd < 0 || dup2(fd, 1) < 0)
			abort();
		close(fd);
	}
	if (size == 0)
		return 0;
	text = malloc(size);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	for (n = 0; n + 1 < size; n++)
		argc += text[n] == '\n';
	argv = calloc((size_t)argc + 2, sizeof(*argv));
	argv[0] = "check";
	for (p = text, i = 1; i <= argc && p != NULL; i++) {
		argv[i] = p;
		if ((p = strchr(p, '\n')) != NULL)
			*p++ = '\0';
	}
	argc = i;
	if (opts_parse(&o, commands[data[0] % 4], argc, argv) == 0)
		opts_free(&o);
	for (i = 2; i < argc; i++)
		(void)gcfg_glob_match(argv[1], argv[i]);
	/* the size limit is global: leave the default for the next input */
	src_set_max_size(SRC_DEFAULT_MAX_SIZE);
	free(argv);
	free(text);
	return 0;
}
