/* fuzz_shellwords.c: libFuzzer harness for sw_split (any bytes, with and
 * without an offset map); checks every offset stays inside the input.
 *
 * Build and run (from the top; libclang-rt is needed):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 \
 *       -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc -o fuzz_shellwords \
 *       tests/fuzz/fuzz_shellwords.c src/front/shellwords.c src/gunicorn/argv.c \
 *       src/py/pyval.c src/gunicorn/validate.c src/gunicorn/validate_int.c \
 *       src/model/launch.c src/core/xalloc.c \
 *       src/core/strbuf.c src/core/source.c src/core/arena.c
 *   ./fuzz_shellwords -max_total_time=60
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "front/front.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sw_words w = { 0 };
	struct sw_error e;
	size_t *map = malloc((size + 1) * sizeof(size_t)), i, k;

	for (i = 0; i < size; i++)
		map[i] = 2 * i + 1;
	sw_split((const char *)data, size, NULL, 7, NULL, &w, &e);
	for (i = 0; i < w.n; i++) {
		for (k = 0; k < w.v[i].len; k++)
			if (w.v[i].off[k] < 7 || w.v[i].off[k] >= 7 + size)
				abort();
		(void)sw_value_span(&w.v[i], 0, w.v[i].len);
	}
	sw_words_free(&w);
	sw_split((const char *)data, size, NULL, 0, map, &w, &e);
	sw_words_free(&w);
	free(map);
	return 0;
}
