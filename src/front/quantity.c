/*
 * quantity.c: exact parsing of Kubernetes resource quantities.  The value is
 * digits * 2^(10k) * 10^e; it is computed in 128-bit integers as a count of
 * nano units, rounded up as ParseQuantity rounds (to 1e-9) and saturated
 * at 2^63-1 units as it saturates.
 */
#include <string.h>

#include "front/front.h"

__extension__ typedef unsigned __int128 u128;

#define NANO 1000000000u
#define UNITS_MAX ((uint64_t)INT64_MAX)
/* Exponents beyond this saturate or round to 1n whatever the digits. */
#define QEXP_MAX 1000000000LL

struct qsuffix {
	const char *name;
	int e10;   /* decimal exponent */
	int b10;   /* binary exponent in steps of 2^10 */
};

/* The suffixes of apimachinery's quantitySuffixer, exponent form aside. */
static const struct qsuffix suffixes[] = {
	{ "", 0, 0 }, { "n", -9, 0 }, { "u", -6, 0 }, { "m", -3, 0 },
	{ "k", 3, 0 }, { "M", 6, 0 }, { "G", 9, 0 }, { "T", 12, 0 },
	{ "P", 15, 0 }, { "E", 18, 0 },
	{ "Ki", 0, 1 }, { "Mi", 0, 2 }, { "Gi", 0, 3 }, { "Ti", 0, 4 },
	{ "Pi", 0, 5 }, { "Ei", 0, 6 },
};

/* Go's strconv.ParseInt(s, 10, 64): optional sign, digits, no overflow. */
static int
parse_i64(const char *s, size_t n, long long *out)
{
	unsigned long long v = 0, lim;
	size_t i = 0;
	int neg = 0;

	if (i < n && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	if (i == n)
		return -1;
	lim = neg ? (unsigned long long)INT64_MAX + 1 : INT64_MAX;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v > (lim - (unsigned)(s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	*out = neg ? (long long)(0 - v) : (long long)v;
	return 0;
}

/* Splits the suffix into a decimal and binary exponent; -1 if unknown. */
static int
interpret_suffix(const char *s, size_t n, long long *e10, int *b10)
{
	size_t i;

	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		if (strlen(suffixes[i].name) == n &&
		    memcmp(suffixes[i].name, s, n) == 0) {
			*e10 = suffixes[i].e10;
			*b10 = suffixes[i].b10;
			return 0;
		}
	}
	*b10 = 0;
	if (n > 1 && (s[0] == 'e' || s[0] == 'E'))
		return parse_i64(s + 1, n - 1, e10);
	return -1;
}

/* The suffix: letters from Go's "eEinumkKMGTP", a sign, digits, the end. */
static int
scan_suffix(const char *s, size_t n, size_t pos)
{
	while (pos < n && strchr("eEinumkKMGTP", s[pos]) != NULL && s[pos])
		pos++;
	if (pos < n && (s[pos] == '+' || s[pos] == '-'))
		pos++;
	while (pos < n && s[pos] >= '0' && s[pos] <= '9')
		pos++;
	return pos == n ? 0 : -1;
}

static void
set_saturated(struct qty *q)
{
	q->saturated = 1;
	q->units = UNITS_MAX;
	q->nanos = 0;
}

/*
 * nanos = m * 2^(10*b10) * 10^s, rounded up.  `sticky` says that nonzero
 * digits were dropped below m.  m keeps few enough digits that the
 * shift cannot overflow, and digits are only dropped from values that
 * saturate anyway when s >= 0.
 */
static void
scale(struct qty *q, u128 m, int b10, long long s, int sticky)
{
	const u128 cap = (u128)UNITS_MAX * NANO;
	u128 v = m << (10 * b10), p = 1;
	long long i;

	if (s >= 0) {
		for (i = 0; i < s; i++) {
			if (v > cap / 10) {
				set_saturated(q);
				return;
			}
			v *= 10;
		}
	} else if (-s > 38) {
		v = 1;
	} else {
		for (i = 0; i < -s; i++)
			p *= 10;
		sticky |= v % p != 0;
		v = v / p + (sticky ? 1 : 0);
	}
	if (v > cap) {
		set_saturated(q);
		return;
	}
	q->units = (uint64_t)(v / NANO);
	q->nanos = (uint32_t)(v % NANO);
}

int
qty_parse(const char *s, size_t n, struct qty *q)
{
	size_t pos = 0, num, nstart, dstart = 0, dlen = 0, i, keep, kept = 0;
	long long e10;
	int b10, sticky = 0;
	u128 m = 0;

	memset(q, 0, sizeof(*q));
	if (n == 0)
		return -1;
	if (s[0] == '+' || s[0] == '-')
		q->neg = s[pos++] == '-';
	nstart = pos;
	while (pos < n && s[pos] >= '0' && s[pos] <= '9')
		pos++;
	num = pos - nstart;
	if (pos < n && s[pos] == '.') {
		dstart = ++pos;
		while (pos < n && s[pos] >= '0' && s[pos] <= '9')
			pos++;
		dlen = pos - dstart;
	}
	if (scan_suffix(s, n, pos) == -1 ||
	    interpret_suffix(s + pos, n - pos, &e10, &b10) == -1)
		return -1;
	/*
	 * All digits D make the value D * 10^(e10 - dlen); digits dropped
	 * off D's end each add one to the exponent.
	 */
	keep = b10 ? 37 - (size_t)(3 * b10 + 1) : 37;
	e10 = e10 > QEXP_MAX ? QEXP_MAX : e10 < -QEXP_MAX ? -QEXP_MAX : e10;
	e10 -= (long long)dlen;
	for (i = 0; i < num + dlen; i++) {
		char c = i < num ? s[nstart + i] : s[dstart + i - num];

		if (kept == 0 && c == '0')
			continue;
		if (kept < keep) {
			m = m * 10 + (unsigned)(c - '0');
			kept++;
		} else {
			sticky |= c != '0';
			e10++;
		}
	}
	if (m == 0)
		return 0;
	scale(q, m, b10, e10 + 9, sticky);
	return 0;
}

int64_t
qty_milli(const struct qty *q)
{
	int64_t v;

	if (q->units > UNITS_MAX / 1000)
		v = INT64_MAX;
	else
		v = (int64_t)q->units * 1000 + (q->nanos + 999999) / 1000000;
	return q->neg ? -v : v;
}

int64_t
qty_value(const struct qty *q)
{
	int64_t v = (int64_t)q->units;

	if (q->nanos && v < INT64_MAX)
		v++;
	return q->neg ? -v : v;
}

int
qty_is_whole(const struct qty *q)
{
	return q->nanos == 0;
}
