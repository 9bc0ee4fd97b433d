/*
 * validate_int.c: Python's int(str, base) for bases 10 and 0, the one
 * conversion behind argparse's type=int, gunicorn's auto_int and
 * validate_pos_int; values of any size are returned as decimal text.
 */
#include <stdlib.h>
#include <string.h>

#include "model/validate.h"
#include "validate_int.h"

/* Python 3.11 refuses decimal strings longer than this. */
#define PY_INT_MAX_STR_DIGITS 4300

/* str.strip() and int()'s whitespace, ASCII part (plus U+0085, U+00A0). */
size_t
vi_space_len(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];

	if (len == 0)
		return 0;
	if (c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f))
		return 1;
	if (len >= 2 && c == 0xc2 && ((unsigned char)s[1] == 0x85 ||
	    (unsigned char)s[1] == 0xa0))
		return 2;
	return 0;
}

static size_t
space_len_back(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	if (vi_space_len(s + len - 1, 1) == 1)
		return 1;
	if (len >= 2 && vi_space_len(s + len - 2, 2) == 2)
		return 2;
	return 0;
}

void
vi_strip(const char **s, size_t *len)
{
	size_t k;

	while ((k = vi_space_len(*s, *len)) > 0) {
		*s += k;
		*len -= k;
	}
	while ((k = space_len_back(*s, *len)) > 0)
		*len -= k;
}

struct digits {
	unsigned char *v;
	size_t n, cap;
};

static int
digit_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* dec (little-endian decimal digits) = dec * base + d */
static void
mul_add(struct digits *dec, int base, int d)
{
	size_t i;
	int carry = d;

	for (i = 0; i < dec->n; i++) {
		int x = dec->v[i] * base + carry;

		dec->v[i] = (unsigned char)(x % 10);
		carry = x / 10;
	}
	while (carry > 0) {
		VEC_PUSH(dec, (unsigned char)(carry % 10));
		carry /= 10;
	}
}

static struct pyval *
finish(struct digits *dec, int neg)
{
	struct strbuf sb = STRBUF_INIT;
	struct pyval *v;
	size_t i;

	while (dec->n > 0 && dec->v[dec->n - 1] == 0)
		dec->n--;
	if (dec->n == 0)
		sb_addch(&sb, '0');
	else if (neg)
		sb_addch(&sb, '-');
	for (i = dec->n; i > 0; i--)
		sb_addch(&sb, (char)('0' + dec->v[i - 1]));
	free(dec->v);
	v = pv_int_text(sb_str(&sb));
	sb_release(&sb);
	return v;
}

/* Reads the prefix of a base-0 literal; returns the base or 0 for none. */
static int
read_prefix(const char **s, size_t *len)
{
	char c;

	if (*len < 2 || (*s)[0] != '0')
		return 0;
	c = (*s)[1];
	if (c == 'x' || c == 'X')
		return *s += 2, *len -= 2, 16;
	if (c == 'o' || c == 'O')
		return *s += 2, *len -= 2, 8;
	if (c == 'b' || c == 'B')
		return *s += 2, *len -= 2, 2;
	return 0;
}

struct pyval *
val_py_int(const char *s, size_t len, int base)
{
	struct digits dec = { NULL, 0, 0 };
	int neg = 0, prefixed = 0, prev_us, b = base ? base : 10;
	size_t i, ndig = 0, nonzero = 0;

	vi_strip(&s, &len);
	if (len > 0 && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		s++, len--;
	}
	if (base == 0 && (b = read_prefix(&s, &len)) != 0)
		prefixed = 1;
	else if (base == 0)
		b = 10;
	/* After a prefix one underscore may come first: 0x_1f. */
	prev_us = !prefixed;
	if (prefixed && len > 0 && s[0] == '_')
		s++, len--, prev_us = 1;
	for (i = 0; i < len; i++) {
		if (s[i] == '_') {
			if (prev_us)
				goto bad;
			prev_us = 1;
			continue;
		}
		if (digit_val(s[i]) >= b)
			goto bad;
		if (digit_val(s[i]) != 0)
			nonzero++;
		prev_us = 0;
		ndig++;
		mul_add(&dec, b, digit_val(s[i]));
	}
	if (ndig == 0 || prev_us)
		goto bad;
	/* Base 0: "010" is an error, "00" and "0_0" are fine. */
	if (base == 0 && !prefixed && s[0] == '0' && nonzero > 0)
		goto bad;
	if (b == 10 && ndig > PY_INT_MAX_STR_DIGITS)
		goto bad;
	return finish(&dec, neg);
bad:
	free(dec.v);
	return NULL;
}

/* "invalid literal for int() with base N: %.200R" */
char *
vi_literal_error(const char *s, size_t len, int base)
{
	struct strbuf r = STRBUF_INIT;
	char *msg;
	size_t i, cps = 0;

	pv_repr_bytes(&r, s, len);
	/* %.200R keeps the first 200 characters of the repr. */
	for (i = 0; i < r.len; i++) {
		if (((unsigned char)r.buf[i] & 0xc0) != 0x80 && ++cps > 200)
			break;
	}
	msg = xasprintf("invalid literal for int() with base %d: %.*s", base,
	    (int)i, sb_str(&r));
	sb_release(&r);
	return msg;
}
