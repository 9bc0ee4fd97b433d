/* gnu.c: one line per finding in the GNU error format, for editors and compilers' tooling. */
#include <string.h>

#include "report_int.h"

/* Keeps each finding on one line: control characters become spaces. */
static void
put_line(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, fp);
}

int
rpt_gnu(FILE *fp, const struct report *r)
{
	const struct finding *f;
	struct rpt_pos p;
	size_t i;

	for (i = 0; i < r->findings->n; i++) {
		f = &r->findings->v[i];
		if (f->suppressed)
			continue;
		if (rpt_pos(&f->span, &p) == 0) {
			put_line(fp, f->span.src->name);
			fprintf(fp, ":%u:%u: ", p.line, p.col);
		} else {
			fputs("gunilint: ", fp);
		}
		fprintf(fp, "%s: ", sev_name(f->severity));
		put_line(fp, f->message);
		fprintf(fp, " [%s]\n", f->rule);
	}
	return ferror(fp) ? -1 : 0;
}
