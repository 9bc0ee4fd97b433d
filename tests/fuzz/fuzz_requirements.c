/* fuzz_requirements.c: libFuzzer harness for the requirements-file reader
 * (any bytes, UTF-16 included) and, on the same bytes, the pyproject and
 * Pipfile.lock readers; checks every span lies inside its source.
 * Built and run by tests/fuzz/run.sh (FUZZ_ONLY=requirements).
 */
#include <stdint.h>
#include <stdlib.h>

#include "front/front.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum pydeps_kind kinds[] = { PYDEPS_REQUIREMENTS,
		PYDEPS_PYPROJECT, PYDEPS_PIPFILE_LOCK };
	struct source *src = src_new("requirements.txt", (const char *)data, size);
	size_t i, k;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		struct pydeps d = { 0 };

		pydeps_read(src, kinds[k], &d);
		for (i = 0; i < d.n; i++) {
			const struct pydeps_rec *r = &d.v[i];

			if (r->span.off + r->span.len > d.src->len ||
			    r->name_span.off + r->name_span.len > d.src->len)
				abort();
			if (r->spec != NULL && r->pinned != NULL)
				(void)pydeps_spec_allows(r->spec, r->pinned);
		}
		pydeps_free(&d);
	}
	src_registry_free();
	return 0;
}
