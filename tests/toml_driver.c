/*
 * toml_driver.c: prints a TOML file as JSON in the toml-test "tagged" form
 * ({"type": "integer", "value": "1"} for each scalar), so that
 * tests/check-toml.sh can compare the reader with Python's tomllib.  On
 * a parse error it prints FILE:LINE:COL: error: MESSAGE and exits 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "front/front.h"

static void
put_str(const char *s, size_t n)
{
	size_t i;

	putchar('"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void
put_scalar(const struct toml_val *v)
{
	const struct toml_datetime *d = &v->dt;
	char buf[64];

	switch (v->kind) {
	case TOML_STRING:
		put_str(v->u.str.s, v->u.str.len);
		return;
	case TOML_INTEGER:
		snprintf(buf, sizeof(buf), "%lld", v->u.i);
		break;
	case TOML_FLOAT:
		snprintf(buf, sizeof(buf), "%.17g", v->u.f);
		if (strstr(buf, "nan") != NULL)
			strcpy(buf, "nan");
		break;
	case TOML_BOOL:
		strcpy(buf, v->u.b ? "true" : "false");
		break;
	case TOML_DATE_LOCAL:
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", d->year, d->month,
		    d->day);
		break;
	default: {
		int n = 0;

		if (v->kind != TOML_TIME_LOCAL)
			n = snprintf(buf, sizeof(buf), "%04d-%02d-%02dT",
			    d->year, d->month, d->day);
		n += snprintf(buf + n, sizeof(buf) - n, "%02d:%02d:%02d",
		    d->hour, d->minute, d->second);
		if (d->usec)
			n += snprintf(buf + n, sizeof(buf) - n, ".%06ld", d->usec);
		if (v->kind == TOML_DATETIME)
			snprintf(buf + n, sizeof(buf) - n, "%c%02d:%02d",
			    d->off_minutes < 0 ? '-' : '+',
			    abs(d->off_minutes) / 60, abs(d->off_minutes) % 60);
		break;
	}
	}
	printf("\"%s\"", buf);
}

static void
put_val(const struct toml_val *v)
{
	size_t i;

	if (v->kind == TOML_TABLE || v->kind == TOML_ARRAY) {
		putchar(v->kind == TOML_TABLE ? '{' : '[');
		for (i = 0; i < v->n; i++) {
			if (i > 0)
				putchar(',');
			if (v->kind == TOML_TABLE) {
				put_str(v->items[i]->key, v->items[i]->key_len);
				putchar(':');
			}
			put_val(v->items[i]);
		}
		putchar(v->kind == TOML_TABLE ? '}' : ']');
		return;
	}
	printf("{\"type\":\"%s\",\"value\":", toml_kind_name(v->kind));
	put_scalar(v);
	putchar('}');
}

int
main(int argc, char **argv)
{
	struct source *src;
	struct toml_doc *doc;
	struct span sp;
	unsigned line, col;
	char *err;

	if (argc != 2) {
		fprintf(stderr, "usage: toml_driver FILE\n");
		return 2;
	}
	if ((src = src_read_file(argv[1], NULL)) == NULL) {
		perror(argv[1]);
		return 2;
	}
	if ((doc = toml_parse(src, &err, NULL, &sp)) == NULL) {
		src_position(src, sp.off, &line, &col);
		fprintf(stderr, "%s:%u:%u: error: %s\n", src->name, line, col,
		    err);
		free(err);
		src_registry_free();
		return 1;
	}
	put_val(toml_root(doc));
	putchar('\n');
	toml_free(doc);
	src_registry_free();
	return 0;
}
