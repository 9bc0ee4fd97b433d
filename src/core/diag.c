/*
 * diag.c: the one way gunilint tells the user about a program error (not a
 * finding): "gunilint: message" or "gunilint COMMAND: message" on stderr,
 * git-style (lowercase, no final period, names in quotes).
 */
#include <stdlib.h>

#include "core.h"

/* Set by core/i18n.c when a language is selected: the message formats are
 * msgids (xgettext keywords gl_error:1, gl_cmd_error:2).  A pointer, so
 * the build-time generators link diag.c without gettext. */
const char *(*gl_diag_translate)(const char *fmt);

static void
say(const char *command, const char *fmt, va_list ap)
{
	fputs("gunilint", stderr);
	if (command != NULL)
		fprintf(stderr, " %s", command);
	fputs(": ", stderr);
	vfprintf(stderr, gl_diag_translate ? gl_diag_translate(fmt) : fmt, ap);
	fputc('\n', stderr);
}

void
gl_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(NULL, fmt, ap);
	va_end(ap);
}

void
gl_cmd_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(command, fmt, ap);
	va_end(ap);
}

void
gl_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(NULL, fmt, ap);
	va_end(ap);
	exit(2);
}
