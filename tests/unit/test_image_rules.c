/*
 * test_image_rules.c: every GL4xx rule, a Dockerfile that triggers it (with
 * the line:column of the finding) and a near miss that does not.  Each
 * Dockerfile is read through the model and goes through every rule family,
 * as `gunilint check` runs them.
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

#include "core/core.h"
#include "rules/rules.h"
#include "rules/image_int.h"
#include "modeltest.h"

#define HEAD "FROM python:3.12-slim\nUSER app\n"

static const struct {
	const char *text;
	const char *rule;
	const char *at; /* "line:col" of the finding, NULL: must not fire */
} cases[] = {
	/* GL401 shell-without-exec */
	{ HEAD "CMD gunicorn -b 0.0.0.0:8000 app:app\n", "GL401", "3:5" },
	{ HEAD "CMD exec gunicorn -b 0.0.0.0:8000 app:app\n", "GL401", NULL },
	{ HEAD "CMD [\"gunicorn\", \"app:app\"]\n", "GL401", NULL },
	{ HEAD "CMD [\"sh\", \"-c\", \"gunicorn app\"]\n", "GL401", "3:19" },
	/* GL402 env-name-near-miss */
	{ HEAD "ENV GUNICRON_CMD_ARGS=-w2\nCMD [\"gunicorn\", \"app\"]\n",
	  "GL402", "3:5" },
	{ HEAD "ENV GUNICORN_CMD_ARG=-w2\n", "GL402", "3:5" },
	{ HEAD "ENV A=1 gunicorn_cmd_args=-w2\n", "GL402", "3:9" },
	{ HEAD "ENV GUNICORN_ARGS=-w2\n", "GL402", "3:5" },
	{ HEAD "ENV WEB_CONCURENCY=4\n", "GL402", "3:5" },
	{ HEAD "ENV Port=8000\n", "GL402", "3:5" },
	{ HEAD "ENV GUNICORN_CMD_ARGS=-w2 WEB_CONCURRENCY=2 PORT=1\n", "GL402",
	  NULL },
	{ HEAD "ENV GUNICORN_ARGS=-w2\nCMD gunicorn $GUNICORN_ARGS app\n",
	  "GL402", NULL },
	{ HEAD "ENV GUNICORN_WORKERS_DIR=/w\n", "GL402", NULL },
	{ HEAD "CMD GUNICORN_OPTS='-w 2' exec gunicorn app\n", "GL402", "3:5" },
	{ HEAD "CMD GUNICORN_CMD_ARGS='-w 2' exec gunicorn app\n", "GL402", NULL },
	/* GL403 env-only-build-arg */
	{ HEAD "ARG GUNICORN_CMD_ARGS=\"-w 4\"\nCMD [\"gunicorn\", \"app\"]\n",
	  "GL403", "3:5" },
	{ "ARG WEB_CONCURRENCY=4\n" HEAD "CMD [\"gunicorn\", \"app\"]\n",
	  "GL403", "1:5" },
	{ HEAD "ARG GUNICORN_CMD_ARGS=\"-w 4\"\n"
	  "ENV GUNICORN_CMD_ARGS=$GUNICORN_CMD_ARGS\nCMD [\"gunicorn\", \"app\"]\n",
	  "GL403", NULL },
	{ "FROM python:3.12 AS base\nARG PORT=8000\nFROM base\nUSER app\n"
	  "CMD [\"gunicorn\", \"app\"]\n", "GL403", "2:5" },
	{ "FROM python:3.12 AS other\nARG PORT=8000\nFROM python:3.12\nUSER app\n"
	  "CMD [\"gunicorn\", \"app\"]\n", "GL403", NULL },
	/* used to build another ENV value: meant for the build */
	{ HEAD "ARG PORT=8000\nENV GUNICORN_CMD_ARGS=\"-b 0.0.0.0:${PORT}\"\n"
	  "CMD [\"gunicorn\", \"app\"]\n", "GL403", NULL },
	{ "ARG WEB_CONCURRENCY=4\n" HEAD "ARG WEB_CONCURRENCY\n"
	  "ENV GUNICORN_CMD_ARGS=\"-w $WEB_CONCURRENCY\"\n"
	  "CMD [\"gunicorn\", \"app\"]\n", "GL403", NULL },
	/* EXPOSE or a RUN step does not carry it to gunicorn */
	{ HEAD "ARG PORT=8000\nEXPOSE $PORT\nCMD [\"gunicorn\", \"app\"]\n",
	  "GL403", "3:5" },
	{ HEAD "ARG PORT=8000\nENV PORTS=\"$PORTX\"\nCMD [\"gunicorn\", \"app\"]\n",
	  "GL403", "3:5" },
	/* GL404 private-key-in-image */
	{ HEAD "COPY certs/server.key /etc/ssl/\n", "GL404", "3:6" },
	{ HEAD "ADD --chown=app a.txt tls/abc-key.pem /opt/key/\n", "GL404",
	  "3:23" },
	{ HEAD "COPY --from=certs /out/id_ed25519 /root/.ssh/\n", "GL404", "3:19" },
	{ HEAD "COPY certs/server.crt certs/id_rsa.pub /etc/ssl/\n", "GL404", NULL },
	{ HEAD "COPY <<EOF /k.pem\n-----BEGIN PRIVATE KEY-----\nEOF\n", "GL404",
	  "3:6" },
	/* GL405 runs-as-root */
	{ "FROM python:3.12\nCMD [\"gunicorn\", \"app\"]\n", "GL405", "1:1" },
	{ "FROM python:3.12\nUSER 0:0\nCMD [\"gunicorn\", \"app\"]\n", "GL405",
	  "2:1" },
	{ "FROM python:3.12\nENTRYPOINT [\"gosu\", \"app\", \"gunicorn\", \"a\"]\n",
	  "GL405", NULL },
	{ "FROM python:3.12\nUSER root\nRUN x\nUSER app\nCMD [\"gunicorn\", \"a\"]\n",
	  "GL405", NULL },
	{ "FROM bitnami/python:3.12\nCMD [\"gunicorn\", \"a\"]\n", "GL405", NULL },
	{ "FROM docker.io/library/python:3.12@sha256:ab\nCMD [\"gunicorn\", \"a\"]\n",
	  "GL405", "1:1" },
	/* GL406 entry-script-without-exec */
	{ HEAD "COPY <<EOF /start.sh\n#!/bin/sh\nmigrate\ngunicorn app\nEOF\n"
	  "CMD [\"/start.sh\"]\n", "GL406", "6:1" },
	{ HEAD "COPY <<EOF /start.sh\n#!/bin/sh\nexec gunicorn app\nEOF\n"
	  "CMD [\"/start.sh\"]\n", "GL406", NULL },
	{ HEAD "COPY <<EOF /e.sh\n#!/bin/sh\nset -e\n\"$@\"\nEOF\n"
	  "ENTRYPOINT [\"/e.sh\"]\nCMD [\"gunicorn\", \"app\"]\n", "GL406", "6:1" },
	{ HEAD "COPY <<EOF /e.sh\n#!/bin/sh\nset -e\nexec \"$@\"\nEOF\n"
	  "ENTRYPOINT [\"/e.sh\"]\nCMD [\"gunicorn\", \"app\"]\n", "GL406", NULL },
	/* GL407 healthcheck-http-on-tls */
	{ HEAD "HEALTHCHECK --interval=5s CMD curl -f http://localhost:8443/ || exit 1\n"
	  "CMD [\"gunicorn\", \"--certfile\", \"c.pem\", \"--keyfile\", \"k.pem\", \"a\"]\n",
	  "GL407", "3:39" },
	{ HEAD "ENV GUNICORN_CMD_ARGS=\"--certfile=c.pem --keyfile=k.pem\"\n"
	  "HEALTHCHECK CMD [\"curl\", \"http://localhost:8443/\"]\n"
	  "CMD [\"gunicorn\", \"a\"]\n", "GL407", "4:27" },
	{ HEAD "HEALTHCHECK CMD curl -fk https://localhost:8443/\n"
	  "CMD [\"gunicorn\", \"--certfile\", \"c.pem\", \"--keyfile\", \"k.pem\", \"a\"]\n",
	  "GL407", NULL },
	{ HEAD "HEALTHCHECK CMD curl -f http://localhost:8000/\n"
	  "CMD [\"gunicorn\", \"a\"]\n", "GL407", NULL },
	/* GL408 worker-package-missing */
	{ HEAD "RUN pip install gunicorn fastapi\n"
	  "CMD [\"gunicorn\", \"-k\", \"uvicorn.workers.UvicornWorker\", \"app\"]\n",
	  "GL408", "4:25" },
	{ HEAD "RUN pip install gunicorn uvicorn\n"
	  "CMD [\"gunicorn\", \"--worker-class=uvicorn_worker.UvicornWorker\", \"app\"]\n",
	  "GL408", "4:34" },
	{ HEAD "RUN pip install gunicorn\nENV GUNICORN_CMD_ARGS=\"-b :80 -k gevent\"\n"
	  "CMD [\"gunicorn\", \"app\"]\n", "GL408", "4:34" },
	{ HEAD "RUN pip install gunicorn\n"
	  "ENV GUNICORN_CMD_ARGS=\"--keep-alive 5 --worker-class='gevent'\"\n"
	  "CMD [\"gunicorn\", \"app\"]\n", "GL408", "4:55" },
	{ HEAD "RUN pip install gunicorn\nENV GUNICORN_CMD_ARGS=\"--keep-alive 5\"\n"
	  "CMD [\"gunicorn\", \"app\"]\n", "GL408", NULL },
	{ HEAD "RUN pip install gunicorn 'uvicorn[standard]'\n"
	  "CMD [\"gunicorn\", \"-k\", \"uvicorn.workers.UvicornWorker\", \"app\"]\n",
	  "GL408", NULL },
	{ HEAD "RUN pip install -r requirements.txt\n"
	  "CMD [\"gunicorn\", \"-k\", \"gevent\", \"app\"]\n", "GL408", NULL },
	{ "FROM tiangolo/uvicorn-gunicorn:python3.11\nUSER app\nRUN pip install x\n"
	  "CMD [\"gunicorn\", \"-k\", \"uvicorn.workers.UvicornWorker\", \"app\"]\n",
	  "GL408", NULL },
	{ HEAD "RUN pip install 'gunicorn[gevent,setproctitle]==22.0'\n"
	  "CMD [\"gunicorn\", \"-k\", \"gevent\", \"app\"]\n", "GL408", NULL },
	{ HEAD "RUN pip install gunicorn[eventlet]\n"
	  "CMD [\"gunicorn\", \"-k\", \"gevent\", \"app\"]\n", "GL408", "4:25" },
	{ HEAD "RUN pip install uvicorn-worker\n"
	  "CMD [\"gunicorn\", \"-k\", \"uvicorn_worker.UvicornWorker\", \"a\"]\n",
	  "GL408", NULL },
	{ "FROM python:3.12 AS b\nRUN pip install gunicorn gevent\n"
	  "FROM python:3.12\nUSER app\nRUN pip install flask\n"
	  "COPY --from=0 /usr/local /usr/local\n"
	  "CMD [\"gunicorn\", \"-k\", \"gevent\", \"app\"]\n", "GL408", NULL },
	/* the worker class gunicorn runs with: the last -k wins */
	{ HEAD "RUN pip install gunicorn\n"
	  "CMD [\"gunicorn\", \"-k\", \"gevent\", \"-k\", \"sync\", \"app\"]\n",
	  "GL408", NULL },
	/* a launch gunicorn refuses gets the parse rules only */
	{ HEAD "RUN pip install gunicorn\n"
	  "CMD [\"gunicorn\", \"-k\", \"gevent\", \"-w\", \"x\", \"app\"]\n",
	  "GL408", NULL },
	{ HEAD "RUN pip install gunicorn\n"
	  "CMD [\"gunicorn\", \"-k\", \"gevent\", \"-w\", \"x\", \"app\"]\n",
	  "GL006", "4:41" },
	/* GL409 gunicorn-not-installed */
	{ HEAD "RUN pip install flask\nCMD [\"gunicorn\", \"app\"]\n", "GL409", "4:1" },
	{ HEAD "RUN apt-get install -y python3-gunicorn\nCMD [\"gunicorn\", \"app\"]\n",
	  "GL409", NULL },
	{ HEAD "RUN pip install flask Gunicorn==22.0\nCMD [\"gunicorn\", \"app\"]\n",
	  "GL409", NULL },
	{ HEAD "RUN pip install .\nCMD [\"gunicorn\", \"app\"]\n", "GL409", NULL },
	{ HEAD "CMD [\"gunicorn\", \"app\"]\n", "GL409", NULL },
	{ HEAD "RUN pip install uvicorn-worker\nCMD [\"gunicorn\", \"app\"]\n",
	  "GL409", NULL },
	/* GL410 uvicorn-without-standard */
	{ HEAD "RUN pip install gunicorn uvicorn==0.30\n"
	  "CMD [\"gunicorn\", \"-k\", \"uvicorn.workers.UvicornWorker\", \"app\"]\n",
	  "GL410", "3:26" },
	{ HEAD "RUN pip install gunicorn \"uvicorn[standard]==0.30\"\n"
	  "CMD [\"gunicorn\", \"-k\", \"uvicorn.workers.UvicornWorker\", \"app\"]\n",
	  "GL410", NULL },
	/* GL411 launch-unresolved */
	{ HEAD "ENTRYPOINT [\"/run-$APP.sh\"]\n", "GL411", "3:1" },
	{ HEAD "CMD [\"python\", \"app.py\"]\n", "GL411", NULL },
	/* GL412 uvicorn-direct */
	{ HEAD "CMD [\"uvicorn\", \"main:app\"]\n", "GL412", "3:1" },
	{ HEAD "CMD [\"gunicorn\", \"-k\", \"uvicorn.workers.UvicornWorker\", \"a\"]\n",
	  "GL412", NULL },
	/* GL417 default-config-in-image */
	{ HEAD "WORKDIR /app\nCOPY gunicorn.conf.py .\nCMD [\"gunicorn\", \"a\"]\n",
	  "GL417", "4:1" },
	{ HEAD "WORKDIR /app\nCOPY gunicorn.conf.py /etc/\nCMD [\"gunicorn\", \"a\"]\n",
	  "GL417", NULL },
	{ HEAD "WORKDIR /app\nCOPY gunicorn.conf.py .\n"
	  "CMD [\"gunicorn\", \"-c\", \"gunicorn.conf.py\", \"a\"]\n", "GL417", NULL },
	/* GL418 exec-form-one-string */
	{ HEAD "CMD [\"gunicorn app:app -b :8000\"]\n", "GL418", "3:6" },
	{ HEAD "CMD [\"/opt/my app/run\"]\n", "GL418", NULL },
};

static const char *
pos(struct span sp)
{
	static char buf[32];
	unsigned l, c;

	src_position(sp.src, sp.off, &l, &c);
	snprintf(buf, sizeof(buf), "%u:%u", l, c);
	return buf;
}

/* The Dockerfile dir/Dockerfile (dir NULL: a new folder) as check reads it. */
static void
run(struct mt *m, const char *dir, const char *text)
{
	mt_load(m, dir, "Dockerfile", text);
	rules_run(&m->set, &m->fs);
}

static void
test_rules(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mt m;
		const struct finding *f = NULL;

		run(&m, NULL, cases[i].text);
		for (k = 0; k < m.fs.n; k++) {
			if (strcmp(m.fs.v[k].rule, "GL001") == 0)
				fail_msg("case %zu: syntax error: %s", i,
				    m.fs.v[k].message);
			if (strcmp(m.fs.v[k].rule, cases[i].rule) == 0 && f == NULL)
				f = &m.fs.v[k];
		}
		if (cases[i].at == NULL && f != NULL)
			fail_msg("case %zu: %s fired at %s: %s", i, cases[i].rule,
			    pos(f->span), f->message);
		if (cases[i].at != NULL && f == NULL)
			fail_msg("case %zu: %s did not fire", i, cases[i].rule);
		if (f != NULL && strcmp(pos(f->span), cases[i].at) != 0)
			fail_msg("case %zu: %s at %s, want %s", i, cases[i].rule,
			    pos(f->span), cases[i].at);
		mt_free(&m);
	}
}

/* GL404 by content when the build context is readable. */
static void
test_key_by_content(void **state)
{
	char dir[] = "/tmp/gl-img-XXXXXX";
	struct mt m;
	char *p;
	FILE *fp;

	(void)state;
	assert_non_null(mkdtemp(dir));
	p = xasprintf("%s/tls.pem", dir);
	fp = fopen(p, "w");
	fputs("-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----\n"
	    "-----BEGIN EC PRIVATE KEY-----\nBB\n-----END EC PRIVATE KEY-----\n", fp);
	fclose(fp);
	free(p);
	p = xasprintf("%s/server.key", dir);
	fp = fopen(p, "w");
	fputs("-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----\n", fp);
	fclose(fp);
	free(p);
	run(&m, dir, HEAD "COPY tls.pem server.key /etc/ssl/\n");
	assert_int_equal(m.fs.n, 1);
	assert_string_equal(m.fs.v[0].rule, "GL404");
	assert_string_equal(pos(m.fs.v[0].span), "3:6");
	mt_free(&m);
	p = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(p), 0);
	free(p);
}

static void
put(const char *dir, const char *name, const char *content)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(p, "w");

	assert_non_null(fp);
	fputs(content, fp);
	fclose(fp);
	free(p);
}

/* GL404 inside a directory copied from the context, honouring .dockerignore. */
static void
test_key_in_copied_dir(void **state)
{
	char dir[] = "/tmp/gl-img-XXXXXX";
	struct mt m;
	char *p;

	(void)state;
	assert_non_null(mkdtemp(dir));
	p = xasprintf("mkdir -p '%s/certs' '%s/ignored'", dir, dir);
	assert_int_equal(system(p), 0);
	free(p);
	put(dir, "certs/tls.key", "-----BEGIN PRIVATE KEY-----\n");
	put(dir, "certs/public.crt", "-----BEGIN CERTIFICATE-----\n");
	put(dir, "ignored/other.key", "-----BEGIN PRIVATE KEY-----\n");
	put(dir, "app.py", "print()\n");
	put(dir, ".dockerignore", "# comment\nignored\n");
	run(&m, dir, HEAD "WORKDIR /app\nCOPY . .\n");
	assert_int_equal(m.fs.n, 1);
	assert_string_equal(m.fs.v[0].rule, "GL404");
	assert_string_equal(pos(m.fs.v[0].span), "4:6");
	assert_non_null(strstr(m.fs.v[0].message, "certs/tls.key"));
	mt_free(&m);
	/* near miss: the key is excluded by a pattern, then one re-included */
	put(dir, ".dockerignore", "ignored\ncerts/*.key\n!certs/public.crt\n");
	run(&m, dir, HEAD "WORKDIR /app\nCOPY . .\n");
	assert_int_equal(m.fs.n, 0);
	mt_free(&m);
	p = xasprintf("rm -rf '%s'", dir);
	assert_int_equal(system(p), 0);
	free(p);
}

/* ---- rules over effective settings ---- */

static const struct {
	const char *text;
	const char *rule, *at;
} eff_cases[] = {
	{ HEAD "EXPOSE 8000\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:5000\", \"a\"]\n",
	  "GL413", "3:8" },
	{ HEAD "EXPOSE 8000/tcp 9000\n"
	  "CMD [\"gunicorn\", \"-b\", \"0.0.0.0:9000\", \"a\"]\n", "GL413", NULL },
	/* the default bind, but a config file the image runs may set it */
	{ HEAD "EXPOSE 8001\nCMD [\"gunicorn\", \"-c\", \"g.py\", \"a\"]\n",
	  "GL413", NULL },
	{ HEAD "WORKDIR /app\nCOPY gunicorn.conf.py .\nEXPOSE 8001\n"
	  "CMD [\"gunicorn\", \"a\"]\n", "GL413", NULL },
	{ HEAD "EXPOSE 8001\nCMD [\"gunicorn\", \"a\"]\n", "GL413", "3:8" },
	{ "FROM python:3.12\nCMD [\"gunicorn\", \"-b\", \"0.0.0.0:80\", \"a\"]\n",
	  "GL416", NULL },
};

static void
test_effective_rules(void **state)
{
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(eff_cases) / sizeof(eff_cases[0]); i++) {
		struct mt m;
		const struct finding *f = NULL;

		run(&m, NULL, eff_cases[i].text);
		assert_int_equal(m.set.n, 1);
		assert_false(m.set.v[0].stopped);
		for (k = 0; k < m.fs.n; k++)
			if (strcmp(m.fs.v[k].rule, eff_cases[i].rule) == 0 && f == NULL)
				f = &m.fs.v[k];
		if ((f != NULL) != (eff_cases[i].at != NULL))
			fail_msg("case %zu: %s %s", i, eff_cases[i].rule,
			    f ? "fired" : "did not fire");
		if (f != NULL)
			assert_string_equal(pos(f->span), eff_cases[i].at);
		mt_free(&m);
	}
}

static void
test_bind_port(void **state)
{
	int lo;

	(void)state;
	assert_int_equal(img_bind_port("0.0.0.0:80", &lo), 80);
	assert_false(lo);
	assert_int_equal(img_bind_port("[::1]:8443", &lo), 8443);
	assert_true(lo);
	assert_int_equal(img_bind_port("tcp://localhost:1", &lo), 1);
	assert_true(lo);
	assert_int_equal(img_bind_port("unix:/run/g.sock", &lo), 0);
	assert_int_equal(img_bind_port("example.org", &lo), 8000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_key_by_content),
		cmocka_unit_test(test_key_in_copied_dir),
		cmocka_unit_test(test_effective_rules),
		cmocka_unit_test(test_bind_port),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
