/*
 * quantity.h: Kubernetes resource quantities ("500m", "0.5", "512Mi",
 * "1e3m"), parsed the way k8s.io/apimachinery's ParseQuantity does:
 * no whitespace, decimal or binary suffix or a decimal exponent, values
 * rounded up (away from zero) to whole nano units, and saturated at
 * 2^63-1 units.
 */
#ifndef GL_QUANTITY_H
#define GL_QUANTITY_H

#include <stddef.h>
#include <stdint.h>

struct qty {
	int neg;        /* the value is negative (never valid for resources) */
	int saturated;  /* the written value exceeded 2^63-1 units */
	uint64_t units; /* whole units of the magnitude (cores, bytes) */
	uint32_t nanos; /* plus this many 1e-9 units (0..999999999) */
};

/* Parses n bytes of s; 0 on success, -1 when Kubernetes would reject it. */
int qty_parse(const char *s, size_t n, struct qty *q);
/* ceil(value * 1000), as Quantity.MilliValue(): CPU in millicores. */
int64_t qty_milli(const struct qty *q);
/* ceil(value), as Quantity.Value(): memory in bytes. */
int64_t qty_value(const struct qty *q);
/* Whether the value is a whole number of units (no fraction). */
int qty_is_whole(const struct qty *q);

#endif
