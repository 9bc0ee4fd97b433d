/*
 * fuzz_yaml.c: libFuzzer harness for the YAML front-end and everything
 * that reads its trees: ydoc, the Kubernetes and compose front-ends, the
 * launch model and every rule family (the orchestration rules with the
 * settings the input's own gunicorn command gives).  The input is
 * written to fuzz.yaml in a temporary folder and read as `gunilint
 * check` reads it.  tests/fuzz/run.sh builds it against the library and
 * runs it on tests/fuzz/corpus_yaml.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static char *path;

static void
cleanup(void)
{
	unlink(path);
	rmdir(dir);
	free(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model_opts o;
	struct gl_launches set;
	struct findings fs = { 0 };
	const char *paths[1];
	FILE *fp;

	if (path == NULL) {
		snprintf(dir, sizeof(dir), "%s/gl-fuzz-yaml-XXXXXX", P_tmpdir);
		if (mkdtemp(dir) == NULL)
			abort();
		path = xasprintf("%s/fuzz.yaml", dir);
		atexit(cleanup);
	}
	if ((fp = fopen(path, "wb")) == NULL)
		abort();
	fwrite(data, 1, size, fp);
	fclose(fp);
	memset(&o, 0, sizeof(o));
	o.version = GV_NEWEST;
	paths[0] = path;
	o.paths = paths;
	o.npaths = 1;
	if (model_collect(&o, &set, &fs) == 0) {
		rules_run(&set, &fs);
		model_free(&set);
	}
	fnd_free(&fs);
	src_registry_free();
	return 0;
}
