/*
 * sarif_sample.c: writes reports built from hand-made findings (fixes,
 * multi-byte text, spans across lines, a finding with no location, a clean
 * run) so tests/check-sarif.sh can give them to a real SARIF validator
 * before `gunilint check` produces such findings itself.
 *
 * usage: sarif_sample FORMAT CASE   (CASE: mixed | empty)
 */
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

static void
mixed(struct findings *fs)
{
	static const char df[] = "FROM python:3.12\n"
	    "CMD [\"gunicorn\", \"--w\xc3\xb6rkers=3\", \"app:app\"]\n"
	    "ENV GUNICORN_CMD_ARGS=\"--bind 127.0.0.1:80 \\\n  --threads 4\"\n";
	struct source *args = src_new("GUNICORN_CMD_ARGS", "--workers=-1", 12);
	struct source *d = src_new("./deploy/Dockerfile", df, sizeof(df) - 1);
	struct finding *f;

	f = fnd_add(fs, "GL006", span_make(args, 10, 2),
	    "--workers must be at least 1, got -1");
	fnd_set_help(f, "give a positive number of worker processes");
	fnd_set_fix(f, span_make(args, 10, 2), "2");
	f->launch = xstrdup("GUNICORN_CMD_ARGS");
	f = fnd_add(fs, "GL003", span_make(d, 35, 10),
	    "gunicorn does not know the option '--w\xc3\xb6rkers'");
	fnd_set_fix(f, span_make(d, 35, 10), "--workers");
	fnd_add(fs, "GL005", span_make(d, 80, 30),
	    "a value that spans two lines");
	fnd_add(fs, "GL011", span_make(NULL, 0, 0),
	    "a finding about the run as a whole");
}

int
main(int argc, char **argv)
{
	struct findings fs = { 0 };
	struct report r = { &fs, NULL, 0, 2, 0, "0.0.0", NULL, NULL };
	enum rpt_format fmt;
	int rc;

	if (argc != 3 || rpt_format_parse(argv[1], &fmt) < 0) {
		fprintf(stderr, "usage: sarif_sample FORMAT mixed|empty\n");
		return 2;
	}
	if (strcmp(argv[2], "mixed") == 0) {
		mixed(&fs);
		r.srcroot = "/src/my project";
	}
	fnd_sort(&fs);
	rc = rpt_write(fmt, stdout, &r) == 0 ? 0 : 1;
	fnd_free(&fs);
	src_registry_free();
	return rc;
}
