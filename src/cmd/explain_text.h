/* explain_text.h: the plain-language summary of a launch, shared by explain's text and json output. */
#ifndef GL_EXPLAIN_TEXT_H
#define GL_EXPLAIN_TEXT_H

#include "core/core.h"
#include "rules/engine.h"

/* One summary line per topic (processes, worker, listen, TLS, timeouts, logs, app). */
struct ex_line {
	const char *topic;
	char *text;
};

struct ex_summary {
	struct ex_line *v;
	size_t n, cap;
};

void ex_summarize(const struct gl_launch *l, struct ex_summary *out);
void ex_summary_free(struct ex_summary *s);

#endif
