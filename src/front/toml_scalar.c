/*
 * toml_scalar.c: TOML's numbers (decimal, hexadecimal, octal and binary
 * integers with underscores; floats with fractions, exponents, inf and
 * nan) and its dates and times, matched the way the specification's ABNF
 * (and tomllib's regular expressions) match them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "front/toml_int.h"

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* n decimal digits at p->pos + at, as a number, or -1. */
static int
digits_at(const struct tp *p, size_t at, int n)
{
	int v = 0, i, c;

	for (i = 0; i < n; i++) {
		if (!is_digit(c = tp_at(p, at + (size_t)i)))
			return -1;
		v = v * 10 + c - '0';
	}
	return v;
}

/* HH:MM:SS[.frac] at p->pos + at; returns its length, or 0. */
static size_t
match_time(const struct tp *p, size_t at, struct toml_datetime *dt)
{
	size_t n = 8;
	int k;

	dt->hour = digits_at(p, at, 2);
	dt->minute = digits_at(p, at + 3, 2);
	dt->second = digits_at(p, at + 6, 2);
	if (dt->hour < 0 || dt->hour > 23 || tp_at(p, at + 2) != ':' ||
	    dt->minute < 0 || dt->minute > 59 || tp_at(p, at + 5) != ':' ||
	    dt->second < 0 || dt->second > 59)
		return 0;
	dt->usec = 0;
	if (tp_at(p, at + 8) == '.' && is_digit(tp_at(p, at + 9))) {
		/* Digits past microseconds are read and dropped. */
		for (n = 9, k = 0; is_digit(tp_at(p, at + n)); n++, k++)
			if (k < 6)
				dt->usec = dt->usec * 10 + tp_at(p, at + n) - '0';
		for (; k < 6; k++)
			dt->usec *= 10;
	}
	return n;
}

/* Z or +HH:MM at p->pos + at; returns its length, or 0. */
static size_t
match_offset(const struct tp *p, size_t at, struct toml_datetime *dt)
{
	int c = tp_at(p, at), h, m;

	if (c == 'Z' || c == 'z') {
		dt->off_minutes = 0;
		return 1;
	}
	if (c != '+' && c != '-')
		return 0;
	h = digits_at(p, at + 1, 2);
	m = digits_at(p, at + 4, 2);
	if (h < 0 || h > 23 || tp_at(p, at + 3) != ':' || m < 0 || m > 59)
		return 0;
	dt->off_minutes = (c == '-' ? -1 : 1) * (h * 60 + m);
	return 6;
}

static int
days_in_month(int y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

/* YYYY-MM-DD at p->pos; returns 10, or 0. */
static size_t
match_date(const struct tp *p, struct toml_datetime *dt)
{
	dt->year = digits_at(p, 0, 4);
	dt->month = digits_at(p, 5, 2);
	dt->day = digits_at(p, 8, 2);
	if (dt->year < 0 || tp_at(p, 4) != '-' || dt->month < 1 ||
	    dt->month > 12 || tp_at(p, 7) != '-' || dt->day < 1 ||
	    dt->day > 31)
		return 0;
	return 10;
}

static int
is_token_char(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    c == '_' || c == '.' || c == '+' || c == '-' || c == ':';
}

static int
finish_scalar(struct tp *p, size_t n, enum toml_kind kind,
    struct toml_val **out)
{
	struct toml_val *v;
	size_t start = p->pos;

	if (is_token_char(tp_at(p, n))) {
		while (is_token_char(tp_at(p, n)))
			n++;
		if (memchr(p->s + start, ':', n) != NULL || (n > 4 &&
		    p->s[start + 4] == '-'))
			kind = TOML_DATETIME;
		return tp_fail(p, start, n, "invalid %s '%.*s'",
		    kind == TOML_INTEGER || kind == TOML_FLOAT ? F_("number") :
		    F_("date or time"), (int)n, p->s + start);
	}
	v = toml_new_val(p->doc, kind, span_make(p->src, start, n));
	v->u.str.s = arena_strndup(p->doc->arena, p->s + start, n);
	v->u.str.len = n;
	p->pos += n;
	*out = v;
	return 0;
}

int
toml_parse_datetime(struct tp *p, struct toml_val **out)
{
	struct toml_datetime dt = { 0 };
	enum toml_kind kind;
	size_t n, t, o;
	int c;

	if ((n = match_date(p, &dt)) > 0) {
		kind = TOML_DATE_LOCAL;
		c = tp_at(p, n);
		if ((c == 'T' || c == 't' || c == ' ') &&
		    (t = match_time(p, n + 1, &dt)) > 0) {
			n += 1 + t;
			kind = TOML_DATETIME_LOCAL;
			if ((o = match_offset(p, n, &dt)) > 0) {
				n += o;
				kind = TOML_DATETIME;
			}
		}
		if (dt.year == 0 || dt.day > days_in_month(dt.year, dt.month))
			return tp_fail(p, p->pos, n, "invalid date '%.*s'",
			    10, p->s + p->pos);
	} else if ((n = match_time(p, 0, &dt)) > 0) {
		kind = TOML_TIME_LOCAL;
	} else {
		return 1;
	}
	if (finish_scalar(p, n, kind, out) < 0)
		return -1;
	(*out)->dt = dt;
	return 0;
}

static int
digit_val(int c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

/* d (_? d)* in the given base at p->pos + at; returns the length or 0. */
static size_t
match_digits(const struct tp *p, size_t at, int base)
{
	size_t n = 0;

	for (;;) {
		if (digit_val(tp_at(p, at + n)) < base)
			n++;
		else if (tp_at(p, at + n) == '_' && n > 0 &&
		    digit_val(tp_at(p, at + n + 1)) < base)
			n++;
		else
			return n;
	}
}

/* The digits of text[0..n) in base, underscores skipped; -1 on overflow. */
static int
int_value(const char *text, size_t n, int base, int neg, long long *out)
{
	unsigned long long v = 0, lim = (unsigned long long)INT64_MAX + !!neg;
	unsigned h;
	size_t i;

	for (i = 0; i < n; i++) {
		if (text[i] == '_')
			continue;
		h = (unsigned)digit_val((unsigned char)text[i]);
		if (v > (lim - h) / (unsigned)base)
			return -1;
		v = v * (unsigned)base + h;
	}
	if (!neg)
		*out = (long long)v;
	else if (v == (unsigned long long)INT64_MAX + 1)
		*out = INT64_MIN;
	else
		*out = -(long long)v;
	return 0;
}

static int
make_int(struct tp *p, size_t n, size_t dstart, int base, int neg,
    struct toml_val **out)
{
	long long v;

	if (int_value(p->s + p->pos + dstart, n - dstart, base, neg, &v) < 0)
		return tp_fail(p, p->pos, n, "integer '%.*s' does not fit in "
		    "64 bits", (int)n, p->s + p->pos);
	if (finish_scalar(p, n, TOML_INTEGER, out) < 0)
		return -1;
	(*out)->u.i = v;
	return 0;
}

static int
make_float(struct tp *p, size_t n, struct toml_val **out)
{
	char *buf = xmalloc(n + 1), *q = buf;
	size_t i;
	int rc = -1;

	for (i = 0; i < n; i++)
		if (p->s[p->pos + i] != '_')
			*q++ = p->s[p->pos + i];
	*q = '\0';
	if (finish_scalar(p, n, TOML_FLOAT, out) == 0) {
		(*out)->u.f = strtod(buf, NULL);
		rc = 0;
	}
	free(buf);
	return rc;
}

/* inf or nan with an optional sign: the length, or 0. */
static size_t
match_special(const struct tp *p)
{
	size_t s = tp_at(p, 0) == '+' || tp_at(p, 0) == '-';

	if (p->len - p->pos >= s + 3 && (memcmp(p->s + p->pos + s, "inf", 3) ==
	    0 || memcmp(p->s + p->pos + s, "nan", 3) == 0))
		return s + 3;
	return 0;
}

int
toml_parse_number(struct tp *p, struct toml_val **out)
{
	static const struct { char c; int base; } prefixes[] = {
		{ 'x', 16 }, { 'o', 8 }, { 'b', 2 },
	};
	size_t i, n, s, d, frac = 0, exp = 0;

	for (i = 0; tp_at(p, 0) == '0' && i < 3; i++)
		if (tp_at(p, 1) == prefixes[i].c &&
		    (n = match_digits(p, 2, prefixes[i].base)) > 0)
			return make_int(p, n + 2, 2, prefixes[i].base, 0, out);
	s = tp_at(p, 0) == '+' || tp_at(p, 0) == '-';
	if (tp_at(p, s) == '0')
		d = 1;
	else if (is_digit(tp_at(p, s)))
		d = match_digits(p, s, 10);
	else if ((n = match_special(p)) > 0)
		return make_float(p, n, out);
	else
		return tp_fail(p, p->pos, 1, "invalid value");
	n = s + d;
	if (tp_at(p, n) == '.' && (frac = match_digits(p, n + 1, 10)) > 0)
		n += 1 + frac;
	if (tp_at(p, n) == 'e' || tp_at(p, n) == 'E') {
		size_t es = tp_at(p, n + 1) == '+' || tp_at(p, n + 1) == '-';

		if ((exp = match_digits(p, n + 1 + es, 10)) > 0)
			n += 1 + es + exp;
	}
	if (frac > 0 || exp > 0)
		return make_float(p, n, out);
	return make_int(p, n, s, 10, tp_at(p, 0) == '-', out);
}
