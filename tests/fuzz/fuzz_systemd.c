/* fuzz_systemd.c: libFuzzer harness for sd_parse with and without a unit
 * name, and for sd_parse_dropin; checks every word offset and reference
 * span stays in its file. */
#include <stdint.h>
#include <stdlib.h>

#include "front/front.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char unit[] = "[Service]\nExecStart=/bin/w\n";
	struct source *s = src_new("fuzz.service", (const char *)data, size);
	struct source *base = src_new("w.service", unit, sizeof(unit) - 1);
	size_t i, k, j;
	int n;

	for (n = 0; n < 3; n++) {
		/* the third time as a drop-in of a small unit */
		struct sd_unit *u = n < 2 ? sd_parse(s, n ?
		    "web-a@80\\x2d1.service" : NULL) : sd_parse(base, "w.service");

		if (n == 2)
			sd_parse_dropin(u, s);

		for (i = 0; i < u->execs.n; i++) {
			const struct sd_exec *e = &u->execs.v[i];

			for (k = 0; k < e->words.n; k++)
				for (j = 0; j < e->words.v[k].len; j++)
					if (e->words.v[k].off[j] >= (e->span.src == s ?
					    size : base->len))
						abort();
			for (k = 0; k < e->refs.n; k++)
				if (e->refs.v[k].span.src == s &&
				    e->refs.v[k].span.off +
				    e->refs.v[k].span.len > size)
					abort();
		}
		sd_free(u);
	}
	src_registry_free();
	return 0;
}
