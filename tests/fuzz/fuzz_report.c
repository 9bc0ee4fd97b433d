/* fuzz_report.c: libFuzzer harness: every reporter on arbitrary source bytes and spans. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct findings fs = { 0 };
	struct report r = { &fs, NULL, 0, 1, 0, "0", NULL, NULL };
	struct source *src;
	struct finding *f;
	size_t i, off, len;
	FILE *null;
	int fmt;

	if (size < 4)
		return 0;
	src = src_new("f", (const char *)data + 4, size - 4);
	/* The first bytes choose the spans: some run past the end. */
	for (i = 0; i < 4; i++) {
		off = (size_t)data[i] * 3 % (size + 2);
		len = (size_t)data[(i + 1) % 4] % 40;
		f = fnd_add(&fs, i % 2 ? "GL006" : "GL010",
		    span_make(src, off, len), "%.*s", (int)(size < 30 ? size : 30),
		    (const char *)data);
		if (i == 1)
			fnd_set_fix(f, span_make(src, off, len), "x");
		if (i == 2)
			fnd_set_help(f, "h%%\r\n:,");
	}
	null = fopen("/dev/null", "w");
	for (fmt = RPT_TEXT; fmt <= RPT_CODECLIMATE; fmt++) {
		r.color = fmt == RPT_TEXT && (data[0] & 1);
		rpt_write((enum rpt_format)fmt, null, &r);
	}
	fclose(null);
	fnd_free(&fs);
	src_registry_free();
	return 0;
}
