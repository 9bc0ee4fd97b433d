/*
 * test_quantity.c: Kubernetes quantity parsing, checked against the cases
 * of apimachinery's own quantity tests (TestQuantityParse, the invalid
 * list, the rounding cases) restated as units + nanos.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "front/front.h"

struct qcase {
	const char *in;
	uint64_t units;
	uint32_t nanos;
};

#define KI 1024ULL
static const struct qcase valid[] = {
	{ "0", 0, 0 }, { "0n", 0, 0 }, { "0u", 0, 0 }, { "0m", 0, 0 },
	{ "0Ki", 0, 0 }, { "0k", 0, 0 }, { "0Mi", 0, 0 }, { "0M", 0, 0 },
	{ "0Gi", 0, 0 }, { "0G", 0, 0 }, { "0Ti", 0, 0 }, { "0T", 0, 0 },
	{ "1", 1, 0 },
	{ "1Ki", KI, 0 }, { "8Ki", 8 * KI, 0 }, { "7Mi", 7 * KI * KI, 0 },
	{ "6Gi", 6 * KI * KI * KI, 0 }, { "5Ti", 5 * KI * KI * KI * KI, 0 },
	{ "4Pi", 4 * KI * KI * KI * KI * KI, 0 },
	{ "3Ei", 3 * KI * KI * KI * KI * KI * KI, 0 },
	{ "10Ti", 10 * KI * KI * KI * KI, 0 },
	{ "100Ti", 100 * KI * KI * KI * KI, 0 },
	{ "5n", 0, 5 }, { "4u", 0, 4000 }, { "3m", 0, 3000000 }, { "9", 9, 0 },
	{ "8k", 8000, 0 }, { "50k", 50000, 0 }, { "7M", 7000000, 0 },
	{ "6G", 6000000000ULL, 0 }, { "5T", 5000000000000ULL, 0 },
	{ "40T", 40000000000000ULL, 0 }, { "300T", 300000000000000ULL, 0 },
	{ "2P", 2000000000000000ULL, 0 }, { "1E", 1000000000000000000ULL, 0 },
	{ "1E-3", 0, 1000000 }, { "1e3", 1000, 0 }, { "1E6", 1000000, 0 },
	{ "1e9", 1000000000ULL, 0 }, { "1E12", 1000000000000ULL, 0 },
	{ "1e15", 1000000000000000ULL, 0 }, { "1E18", 1000000000000000000ULL, 0 },
	{ "1e14", 100000000000000ULL, 0 }, { "1e13", 10000000000000ULL, 0 },
	{ "100.035k", 100035, 0 },
	{ "0.001", 0, 1000000 }, { "0.0005k", 0, 500000000 },
	{ "0.005", 0, 5000000 }, { "0.05", 0, 50000000 }, { "0.5", 0, 500000000 },
	{ "0.00050k", 0, 500000000 }, { "0.00500", 0, 5000000 },
	{ "0.05000", 0, 50000000 }, { "0.50000", 0, 500000000 },
	{ "0.5e0", 0, 500000000 }, { "0.5e-1", 0, 50000000 },
	{ "0.5e-2", 0, 5000000 }, { "10.035M", 10035000, 0 },
	{ "1.2e3", 1200, 0 }, { "1.3E+6", 1300000, 0 },
	{ "1.40e9", 1400000000ULL, 0 }, { "1.53E12", 1530000000000ULL, 0 },
	{ "1.6e15", 1600000000000000ULL, 0 },
	{ "1.7E18", 1700000000000000000ULL, 0 },
	{ "9.01", 9, 10000000 }, { "8.1k", 8100, 0 },
	{ "7.123456M", 7123456, 0 }, { "6.987654321G", 6987654321ULL, 0 },
	{ "5.444T", 5444000000000ULL, 0 }, { "40.1T", 40100000000000ULL, 0 },
	{ "300.2T", 300200000000000ULL, 0 }, { "2.5P", 2500000000000000ULL, 0 },
	{ "1.01E", 1010000000000000000ULL, 0 },
	/* things that round up to whole nanos */
	{ "3.001n", 0, 4 }, { "1.1E-9", 0, 2 }, { "0.0000000001", 0, 1 },
	{ "0.0000000005", 0, 1 }, { "0.00000000050", 0, 1 }, { "0.5e-9", 0, 1 },
	{ "0.9n", 0, 1 }, { "0.00000012345", 0, 124 },
	{ "0.00000012354", 0, 124 }, { "12E", (uint64_t)INT64_MAX, 0 }, /* 1.2e19 saturates */
	/* fractional binary */
	{ "100.035Ki", 102435, 840000000 }, { "0.5Mi", 524288, 0 },
	{ "0.05Gi", 53687091, 200000000 }, { "0.025Ti", 27487790694ULL, 400000000 },
	{ "0.000000000001Ki", 0, 2 }, { ".001", 0, 1000000 },
	{ ".0001k", 0, 100000000 }, { "1.", 1, 0 }, { "1.G", 1000000000ULL, 0 },
	{ ".", 0, 0 }, { "-.", 0, 0 }, { "1.025Ti", 1126999418470ULL, 400000000 },
	/* the forms the issue names */
	{ "500m", 0, 500000000 }, { "2", 2, 0 },
	{ "512Mi", 512 * KI * KI, 0 }, { "1G", 1000000000ULL, 0 },
	{ "0.1m", 0, 100000 }, { "1023Ki", 1023 * KI, 0 },
	{ "1.1Mi", 1153433, 600000000 },
	/* more digits than 128 bits hold beside the multiplier */
	{ "0.0000000000000000000000000000000000000000001", 0, 1 },
	{ "1.000000000000000000000000000000000000000000001", 1, 1 },
	{ "00000000000000000000000000000000000000000000002", 2, 0 },
};

static const char *const invalid[] = {
	"", "1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i",
	"-3.01i", "-3.01e-", " 1", "1 ", "1e", "1ee3", "1Ki2", "1e99999999999999999999",
	"1 Gi", "1g", "1mb", "1x",
	/* an exponent takes no further suffix: ParseQuantity rejects it */
	"1e3m",
};

static void
test_valid(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		struct qty q;
		int rc = qty_parse(valid[i].in, strlen(valid[i].in), &q);

		if (rc != 0)
			fail_msg("'%s' rejected", valid[i].in);
		if (q.units != valid[i].units || q.nanos != valid[i].nanos)
			fail_msg("'%s': got %llu + %un, want %llu + %un",
			    valid[i].in, (unsigned long long)q.units, q.nanos,
			    (unsigned long long)valid[i].units, valid[i].nanos);
	}
}

static void
test_invalid(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		struct qty q;

		if (qty_parse(invalid[i], strlen(invalid[i]), &q) == 0)
			fail_msg("'%s' accepted", invalid[i]);
	}
}

static void
test_saturate(void **state)
{
	static const char *const big[] = { "9Ei", "9223372036854775807Ki",
	    "1e100", "99999999999999999999999999999999999999999999" };
	struct qty q;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
		assert_int_equal(qty_parse(big[i], strlen(big[i]), &q), 0);
		assert_true(q.saturated);
		assert_true(q.units == (uint64_t)INT64_MAX);
	}
	assert_int_equal(qty_parse("12E", 3, &q), 0);
	assert_true(q.saturated);
	assert_int_equal(qty_parse("8E", 2, &q), 0);
	assert_false(q.saturated);
}

static void
test_milli_value(void **state)
{
	struct qty q;

	(void)state;
	assert_int_equal(qty_parse("500m", 4, &q), 0);
	assert_int_equal(qty_milli(&q), 500);
	assert_int_equal(qty_value(&q), 1); /* Value() rounds up */
	assert_false(qty_is_whole(&q));
	assert_int_equal(qty_parse("0.1m", 4, &q), 0);
	assert_int_equal(qty_milli(&q), 1);
	assert_int_equal(qty_parse("2", 1, &q), 0);
	assert_int_equal(qty_milli(&q), 2000);
	assert_true(qty_is_whole(&q));
	assert_int_equal(qty_parse("-1.5", 4, &q), 0);
	assert_true(q.neg);
	assert_int_equal(qty_milli(&q), -1500);
	assert_int_equal(qty_parse("9Ei", 3, &q), 0);
	assert_true(qty_milli(&q) == INT64_MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_saturate),
		cmocka_unit_test(test_milli_value),
	};

	return cmocka_run_group_tests_name("quantity", tests, NULL, NULL);
}
