/*
 * fuzz_check.c: libFuzzer harness for the whole `check` path on the real
 * settings table: the walk and kind detection, every reader, the model,
 * every rule family and a reporter.  The first input byte picks the file
 * name (and so the kind), the second how it is named (a walk of its
 * folder or the path itself) and the report format; the rest is the
 * file, written to a private temporary folder.  The last name is not a
 * file: the bytes become a --args value.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
	"Dockerfile", "gunicorn.conf.py", "requirements.txt", "Procfile",
	".env", "app.service", "deploy.yaml", "compose.yaml",
	"pyproject.toml", "app.yaml", "Containerfile", "--args",
};
#define NNAMES (sizeof(names) / sizeof(names[0]))

static const char *const formats[] = { "text", "json", "sarif", "gnu" };

/* The folder of the input file ("/tmp/gl-fuzz-check-XXXXXX/in"). */
static char dir[64];

static void
cleanup(void)
{
	char path[128];
	size_t i;

	for (i = 0; i < NNAMES; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	*strrchr(dir, '/') = '\0';
	rmdir(dir);
}

/*
 * Once: a folder of our own, stdout discarded.  The working directory
 * stays (libFuzzer reads its corpus relative to it); the .gunilint.yaml
 * search stops at the checkout's .git.
 */
static void
setup(void)
{
	int fd;

	strcpy(dir, "/tmp/gl-fuzz-check-XXXXXX");
	if (mkdtemp(dir) == NULL)
		abort();
	strcat(dir, "/in");
	if (mkdir(dir, 0700) != 0)
		abort();
	if ((fd = open("/dev/null", O_WRONLY)) < 0 || dup2(fd, 1) < 0)
		abort();
	close(fd);
	atexit(cleanup);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *name, *fmt;
	char path[128], *argv[8], *args = NULL;
	int argc = 0, walk;
	FILE *fp;

	if (dir[0] == '\0')
		setup();
	if (size < 2)
		return 0;
	name = names[data[0] % NNAMES];
	walk = data[1] & 1;
	fmt = formats[(data[1] >> 1) % 4];
	data += 2;
	size -= 2;
	argv[argc++] = "check";
	argv[argc++] = "--format";
	argv[argc++] = (char *)fmt;
	if (strcmp(name, "--args") == 0) {
		args = xstrndup((const char *)data, size);
		argv[argc++] = "--args";
		argv[argc++] = args;
	} else {
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if ((fp = fopen(path, "wb")) == NULL)
			abort();
		if (size > 0 && fwrite(data, 1, size, fp) != size)
			abort();
		fclose(fp);
		argv[argc++] = walk ? dir : path;
	}
	argv[argc] = NULL;
	cmd_check(argc, argv);
	src_registry_free();
	if (args == NULL)
		unlink(path);
	free(args);
	return 0;
}
