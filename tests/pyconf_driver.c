/*
 * pyconf_driver.c: runs py_eval_config() on a file with the process's
 * environment and prints each global's final binding, one a line:
 * "name = repr" when known, "name ?= runtime: why" when not, then
 * "!fails why" when the file raises or "!error L:C: msg" on a syntax
 * error.  -c N sets the CPU count, -u makes the environment unknown.
 * Used by tests/check-pyconf.sh to compare with CPython.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "py/py.h"

static const char *
proc_getenv(void *arg, const char *name, struct span *where)
{
	(void)arg;
	(void)where;
	return getenv(name);
}

static int
last_of(const struct py_result *r, size_t i)
{
	size_t k;

	for (k = i + 1; k < r->n; k++)
		if (r->v[k].name && strcmp(r->v[k].name, r->v[i].name) == 0)
			return 0;
	return 1;
}

static void
print_item(const struct py_item *it)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned line, col;

	switch (it->kind) {
	case PY_ASSIGN:
		pv_repr(&sb, it->value);
		printf("%s = %s%s%s\n", it->name, sb_str(&sb),
		    it->uses_cpu_count ? "  # cpu" : "",
		    it->from_env ? "  # env" : "");
		break;
	case PY_HOOK:
		printf("%s = <hook>\n", it->name);
		break;
	case PY_RUNTIME:
		if (it->fails)
			printf("!fails %s\n", it->why);
		else
			printf("%s ?= runtime: %s\n", it->name, it->why);
		break;
	case PY_ERROR:
		src_position(it->span.src, it->span.off, &line, &col);
		printf("!error %u:%u: %s\n", line, col, it->why);
		break;
	case PY_DELETE:
		break;
	}
	sb_release(&sb);
}

int
main(int argc, char **argv)
{
	struct py_env env = { proc_getenv, NULL, 0 };
	struct py_result r;
	struct source *src;
	size_t i;
	int c, rc;

	while ((c = getopt(argc, argv, "c:u")) != -1) {
		if (c == 'c')
			env.cpus = atof(optarg);
		else if (c == 'u')
			env.getenv = NULL;
		else
			return 2;
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "usage: pyconf_driver [-u] [-c cpus] file\n");
		return 2;
	}
	if ((src = src_read_file(argv[optind], argv[optind])) == NULL) {
		perror(argv[optind]);
		return 2;
	}
	rc = py_eval_config(src, &env, &r);
	for (i = 0; i < r.n; i++)
		if ((r.v[i].name == NULL || last_of(&r, i)))
			print_item(&r.v[i]);
	py_result_free(&r);
	src_registry_free();
	return rc == 0 ? 0 : 1;
}
