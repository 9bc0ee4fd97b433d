/*
 * fuzz_systemd_launch.c: libFuzzer harness for systemd units as launches:
 * the bytes are written to app.service in a temporary folder next to a
 * fixed app.socket and app.env (so socket activation and EnvironmentFile=
 * are reached), then read by the model and judged by the rules.  Any
 * bytes must give findings, never a crash.
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
static char *unit, *sock, *env;

static void
cleanup(void)
{
	unlink(unit);
	unlink(sock);
	unlink(env);
	rmdir(dir);
	free(unit);
	free(sock);
	free(env);
}

static void
put(const char *path, const void *data, size_t size)
{
	FILE *fp = fopen(path, "wb");

	if (fp == NULL)
		abort();
	fwrite(data, 1, size, fp);
	fclose(fp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char socket_unit[] = "[Socket]\nListenStream=/run/app.sock\n";
	static const char env_file[] = "GUNICORN_CMD_ARGS=\"--workers 2\"\n"
	    "OPTS=--threads 2\n";
	struct model_opts o;
	struct gl_launches set;
	struct findings fs = { 0 };
	const char *paths[2];

	if (unit == NULL) {
		snprintf(dir, sizeof(dir), "%s/gl-fuzz-sd-XXXXXX", P_tmpdir);
		if (mkdtemp(dir) == NULL)
			abort();
		unit = xasprintf("%s/app.service", dir);
		sock = xasprintf("%s/app.socket", dir);
		env = xasprintf("%s/app.env", dir);
		put(sock, socket_unit, sizeof(socket_unit) - 1);
		put(env, env_file, sizeof(env_file) - 1);
		atexit(cleanup);
	}
	put(unit, data, size);
	memset(&o, 0, sizeof(o));
	o.version = GV_NEWEST;
	paths[0] = unit;
	paths[1] = sock;
	o.paths = paths;
	o.npaths = 2;
	if (model_collect(&o, &set, &fs) == 0) {
		rules_run(&set, &fs);
		model_free(&set);
	}
	fnd_free(&fs);
	src_registry_free();
	return 0;
}
