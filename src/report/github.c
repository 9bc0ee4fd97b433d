/*
 * github.c: GitHub Actions workflow commands ("::error file=..::msg"), which
 * the runner turns into annotations on the pull request.  Escaping follows
 * the Actions toolkit: in the message %, CR and LF; in property values also
 * ':' and ','.
 */
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

static void
escape(FILE *fp, const char *s, int property)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '%':
			fputs("%25", fp);
			break;
		case '\r':
			fputs("%0D", fp);
			break;
		case '\n':
			fputs("%0A", fp);
			break;
		case ':':
			fputs(property ? "%3A" : ":", fp);
			break;
		case ',':
			fputs(property ? "%2C" : ",", fp);
			break;
		default:
			fputc(*s, fp);
		}
	}
}

static const char *
command(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" :
	    "notice";
}

static void
one(FILE *fp, const struct finding *f)
{
	struct rpt_pos p;
	char *title;

	fprintf(fp, "::%s ", command(f->severity));
	if (rpt_pos(&f->span, &p) == 0) {
		fputs("file=", fp);
		escape(fp, rpt_path(f), 1);
		fprintf(fp, ",line=%u,col=%u,endLine=%u,endColumn=%u,", p.line,
		    p.col, p.end_line, p.end_col);
	}
	title = xasprintf("%s %s", f->rule, f->slug);
	fputs("title=", fp);
	escape(fp, title, 1);
	free(title);
	fputs("::", fp);
	escape(fp, f->message, 0);
	if (f->help != NULL) {
		fputs("%0A", fp);
		escape(fp, f->help, 0);
	}
	fputc('\n', fp);
}

int
rpt_github(FILE *fp, const struct report *r)
{
	size_t i;

	for (i = 0; i < r->findings->n; i++)
		if (!r->findings->v[i].suppressed)
			one(fp, &r->findings->v[i]);
	return ferror(fp) ? -1 : 0;
}
