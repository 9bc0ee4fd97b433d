/* genutil.c: C-literal output for the build-time table generators. */
#include <stdarg.h>
#include <stdlib.h>

#include "genutil.h"

void
gen_cstr(FILE *fp, const char *s)
{
	if (s == NULL) {
		fputs("NULL", fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"': fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n\"\n\t    \"", fp); break;
		case '\t': fputs("\\t", fp); break;
		case '?': fputs("\\?", fp); break; /* no trigraphs */
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(fp, "\\%03o", c);
			else
				fputc(c, fp);
		}
	}
	fputc('"', fp);
}

FILE *
gen_open(const char *path)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL) {
		perror(path);
		exit(1);
	}
	return fp;
}

void
gen_close(FILE *fp, const char *path)
{
	if (ferror(fp) | fclose(fp)) {
		perror(path);
		exit(1);
	}
}

void
gen_msgid(FILE *fp, const char *text, const char *comment, ...)
{
	va_list ap;

	if (text == NULL)
		return;
	fputs("/* TRANSLATORS: ", fp);
	va_start(ap, comment);
	vfprintf(fp, comment, ap);
	va_end(ap);
	fputs(" */\nN_(", fp);
	gen_cstr(fp, text);
	fputs(");\n", fp);
}
