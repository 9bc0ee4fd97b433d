/*
 * validate_int.c: Python's int(str, base) for bases 10 and 0, the one
 * conversion behind argparse's type=int, gunicorn's auto_int and
 * validate_pos_int; values of any size are returned as decimal text.
 */
#include <stdlib.h>
#include <string.h>

#include "gunicorn/gunicorn.h"
#include "validate_int.h"

/* Python 3.11 refuses decimal strings longer than this. */
#define PY_INT_MAX_STR_DIGITS 4300

/* Unicode code points Python's str.isspace() accepts above ASCII. */
static const long uspaces[] = { 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002,
    0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
    0x2029, 0x202f, 0x205f, 0x3000 };

/* The zero of every run of Unicode decimal digits (category Nd). */
static const long uzeros[] = { 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66,
    0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20,
    0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50,
    0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50,
    0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0,
    0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950,
    0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8,
    0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0 };

/* Decodes one UTF-8 character; -1 (one byte) when invalid. */
static long
u8(const char *s, size_t len, size_t *adv)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, k;
	long cp;

	*adv = 1;
	if (p[0] < 0x80)
		return p[0];
	n = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc0 ? 2 : 0;
	if (n == 0 || n > len)
		return -1;
	cp = p[0] & (0x3f >> (n - 1));
	for (k = 1; k < n; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (p[k] & 0x3f);
	}
	*adv = n;
	return cp;
}

static int
uspace(long cp)
{
	size_t i;

	if (cp == ' ' || (cp >= '\t' && cp <= '\r') || (cp >= 0x1c &&
	    cp <= 0x1f))
		return 1;
	for (i = 0; i < sizeof(uspaces) / sizeof(uspaces[0]); i++)
		if (uspaces[i] == cp)
			return 1;
	return 0;
}

/* str.strip()'s whitespace at the start of s: its length in bytes. */
size_t
vi_space_len(const char *s, size_t len)
{
	size_t adv;

	if (len == 0)
		return 0;
	return uspace(u8(s, len, &adv)) ? adv : 0;
}

static size_t
space_len_back(const char *s, size_t len)
{
	size_t k;

	for (k = 1; k <= 3 && k <= len; k++) {
		unsigned char c = (unsigned char)s[len - k];

		if ((c & 0xc0) != 0x80)
			return vi_space_len(s + len - k, k) == k ? k : 0;
	}
	return 0;
}

int
val_decimal_digit(const char *s, size_t len, size_t *adv)
{
	long cp = u8(s, len, adv);
	size_t k;

	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	for (k = 0; cp > 0x7f && k < sizeof(uzeros) / sizeof(uzeros[0]); k++)
		if (cp >= uzeros[k] && cp < uzeros[k] + 10)
			return (int)(cp - uzeros[k]);
	return -1;
}

/*
 * What int() does first: Unicode spaces become ' ', Unicode decimal
 * digits their ASCII digit; any other non-ASCII character makes the
 * literal invalid (kept as 0x80 so it fails later).
 */
static char *
asciify(const char *s, size_t len, size_t *outlen)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, adv, k;

	for (i = 0; i < len; i += adv) {
		long cp = u8(s + i, len - i, &adv);
		char c = (char)0x80;

		if (cp >= 0 && cp < 0x80)
			c = (char)cp;
		else if (uspace(cp))
			c = ' ';
		else
			for (k = 0; k < sizeof(uzeros) / sizeof(uzeros[0]); k++)
				if (cp >= uzeros[k] && cp < uzeros[k] + 10)
					c = (char)('0' + (cp - uzeros[k]));
		sb_addch(&sb, c);
	}
	*outlen = sb.len;
	return sb_detach(&sb);
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

static struct pyval *py_int_ascii(const char *s, size_t len, int base);

struct pyval *
val_py_int(const char *s, size_t len, int base)
{
	size_t n;
	char *a = asciify(s, len, &n);
	struct pyval *v = py_int_ascii(a, n, base);

	free(a);
	return v;
}

static struct pyval *
py_int_ascii(const char *s, size_t len, int base)
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
val_literal_error(const char *s, size_t len, int base)
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
