/*
 * test_kinds.c: the kinds table: which kind a file name gives (name globs
 * beat extension globs, app.yaml is App Engine's unless it is a manifest),
 * what the first bytes of a file of unknown name suggest, and --kind names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "model/model.h"

static const char *
kind_name(const struct input_kind *k)
{
	return k ? k->name : "-";
}

static void
test_names(void **state)
{
	static const struct {
		const char *path, *want;
	} cases[] = {
		{ ".env", "env" }, { "app/.env.example", "env" },
		{ ".env.production", "env" }, { "config/prod.env", "env" },
		{ ".envrc", "-" }, { "environment.py", "-" },
		{ "Procfile", "procfile" }, { "deploy/Procfile.dev", "procfile" },
		{ "procfile", "procfile" }, { "Dockerfile", "dockerfile" },
		{ "deploy.yaml", "k8s" }, { "compose.yaml", "compose" },
		{ "requirements.txt", "deps" }, { "gunicorn.conf.py", "pyconf" },
		{ "app/requirements/production.txt", "deps" },
		{ "requirements/base.txt", "deps" }, { "docs/base.txt", "-" },
		{ "notes.txt", "-" }, { "deploy/gunicorn.service", "systemd" },
		{ "gunicorn.socket", "systemd" }, { "web@.service", "systemd" },
		{ "app.service.d/override.conf", "-" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		if (strcmp(kind_name(kind_of_path(cases[i].path)),
		    cases[i].want) != 0)
			fail_msg("%s: %s, want %s", cases[i].path,
			    kind_name(kind_of_path(cases[i].path)), cases[i].want);
}

/* app.yaml in a directory of its own, holding text. */
static const char *
app_yaml_kind(const char *text)
{
	static char dir[] = "gl-kinds-XXXXXX";
	char path[64];
	const char *k;
	FILE *fp;

	memcpy(dir + strlen(dir) - 6, "XXXXXX", 6);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/app.yaml", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	k = kind_name(kind_of_path(path));
	unlink(path);
	rmdir(dir);
	return k;
}

static void
test_app_yaml(void **state)
{
	(void)state;
	assert_string_equal(app_yaml_kind("runtime: python312\n"
	    "entrypoint: gunicorn -b :$PORT main:app\n"), "procfile");
	assert_string_equal(app_yaml_kind("# a manifest\napiVersion: v1\n"
	    "kind: Pod\n"), "k8s");
	assert_string_equal(app_yaml_kind("services:\n  web:\n    image: x\n"),
	    "k8s");
	/* App Engine's own key, not a compose file */
	assert_string_equal(app_yaml_kind("runtime: python312\n"
	    "inbound_services:\n- warmup\n"), "procfile");
}

static void
test_sniff(void **state)
{
	static const struct {
		const char *head, *want;
	} cases[] = {
		{ "# settings\nexport WEB_CONCURRENCY=3\n\nPORT=8000\n", "env" },
		{ "{% if x %}\nA=1\n{% endif %}\n", "env" },
		{ "A=1\nB=2", "env" },
		{ "flask==3.0\ngunicorn==23.0.0\n", "deps" },
		{ "-r base.txt\n\ngunicorn==26.1.0  # pin\npsycopg[c]==3.3.4\n"
		  "{%- if x %}\nsentry-sdk==2.0\n{%- endif %}\n", "deps" },
		{ "gunicorn==20.0.4 \\\n    --hash=sha256:19\n    # via -r x.in\n",
		  "deps" },
		{ "flask\nrequests\n", "-" },
		{ "some notes about flask==3.0\n", "-" },
		{ "# only comments\n", "-" },
		{ "import os\nworkers = 4\n", "pyconf" },
		{ "import os\nworkers == 4\n", "-" },
		{ "web: gunicorn app:app\nworker: rq worker\n", "procfile" },
		{ "worker: rq worker\n", "-" },
		{ "web:\n  image: x\n", "-" },
		{ "FROM python:3.12\nCMD gunicorn app:app\n", "dockerfile" },
		{ "[Unit]\nDescription=app\n\n[Service]\nUser=app\n"
		    "ExecStart=/srv/venv/bin/gunicorn app:app\n", "systemd" },
		{ "[Socket]\nListenStream=/run/app.sock\n", "systemd" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		if (strcmp(kind_name(kind_sniff(cases[i].head)),
		    cases[i].want) != 0)
			fail_msg("case %zu: %s, want %s", i,
			    kind_name(kind_sniff(cases[i].head)), cases[i].want);
}

static void
test_find(void **state)
{
	(void)state;
	assert_string_equal(kind_name(kind_find("env")), "env");
	assert_string_equal(kind_name(kind_find("procfile")), "procfile");
	assert_string_equal(kind_name(kind_find("yaml")), "k8s");
	assert_null(kind_find("dotenv"));
	assert_non_null(strstr(kind_names(), "env, procfile"));
	assert_string_equal(kind_name(kind_find("systemd")), "systemd");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_app_yaml),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_find),
	};

	return cmocka_run_group_tests_name("kinds", tests, NULL, NULL);
}
