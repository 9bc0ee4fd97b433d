/*
 * fuzz_argv.c: libFuzzer harness for av_parse and launch_eval: the input
 * is split like GUNICORN_CMD_ARGS and parsed both as the command line and
 * as the variable, over a small table with every action kind.
 *
 * Build and run (from the top; libclang-rt is needed):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c11 \
 *       -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc -o fuzz_argv \
 *       tests/fuzz/fuzz_argv.c src/front/shellwords.c src/gunicorn/argv.c \
 *       src/py/pyval.c src/gunicorn/validate.c src/gunicorn/validate_int.c \
 *       src/model/launch.c src/core/xalloc.c \
 *       src/core/strbuf.c src/core/source.c src/core/arena.c
 *   ./fuzz_argv -max_total_time=60
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gunicorn/gunicorn.h"
#include "model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const f_w[] = { "-w", "--workers" };
static const char *const f_b[] = { "-b", "--bind" };
static const char *const f_d[] = { "-D", "--daemon" };
static const char *const f_s[] = { "--no-sendfile" };
static const char *const f_p[] = { "--proxy-protocol" };
static const char *const f_m[] = { "-m", "--umask" };
static const char *const f_c[] = { "-c", "--config" };
static const char *const f_n[] = { "-n", "--name" };
static const char *const ch[] = { "off", "v1", "v2", "auto" };

static const struct set_def defs[] = {
	{ .name = "config", .flags = f_c, .nflags = 2, .action = SA_STORE,
	    .type = ST_FILE, .default_text = "./gunicorn.conf.py" },
	{ .name = "bind", .flags = f_b, .nflags = 2, .action = SA_APPEND,
	    .type = ST_LIST_STRING, .default_text = "['127.0.0.1:8000']" },
	{ .name = "workers", .flags = f_w, .nflags = 2, .action = SA_STORE,
	    .cli_type = SC_INT, .type = ST_POSINT, .default_text = "1" },
	{ .name = "daemon", .flags = f_d, .nflags = 2,
	    .action = SA_STORE_TRUE, .type = ST_BOOL, .default_text = "False" },
	{ .name = "sendfile", .flags = f_s, .nflags = 1,
	    .action = SA_STORE_CONST, .const_value = "False", .type = ST_BOOL,
	    .default_text = "None" },
	{ .name = "proxy_protocol", .flags = f_p, .nflags = 1,
	    .action = SA_STORE_OPT, .const_value = "auto", .type = ST_ENUM,
	    .choices = ch, .nchoices = 4, .default_text = "off" },
	{ .name = "umask", .flags = f_m, .nflags = 2, .action = SA_STORE,
	    .cli_type = SC_AUTO_INT, .type = ST_POSINT, .default_text = "0" },
	{ .name = "proc_name", .flags = f_n, .nflags = 2, .action = SA_STORE,
	    .type = ST_STRING, .default_text = "None" },
	{ .name = "wsgi_app", .type = ST_STRING, .default_text = "None" },
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct set_def *ptrs[sizeof(defs) / sizeof(defs[0])];
	struct sw_words w = { 0 };
	struct sw_error e;
	struct av_table *t;
	struct av_result r;
	struct launch_ctx ctx;
	struct launch *l;
	struct launch_env env;
	char *text = malloc(size + 1);
	size_t i;

	memcpy(text, data, size);
	text[size] = '\0';
	for (i = 0; i < sizeof(defs) / sizeof(defs[0]); i++)
		ptrs[i] = &defs[i];
	sw_split(text, size, NULL, 0, NULL, &w, &e);
	t = av_table_new(ptrs, sizeof(defs) / sizeof(defs[0]));
	/* the input's length picks the argparse dialect */
	av_table_set_dialect(t, size % 2 ? AV_PY313 : AV_PY311);
	av_parse(t, w.v, w.n, &r);
	av_result_free(&r);
	av_table_free(t);

	memset(&ctx, 0, sizeof(ctx));
	ctx.defs = ptrs;
	ctx.ndefs = sizeof(defs) / sizeof(defs[0]);
	ctx.cwd = "/";
	ctx.dialect = size % 2 ? AV_PY313 : AV_PY311;
	l = launch_new(&ctx);
	env.name = "GUNICORN_CMD_ARGS";
	env.value = text;
	env.span = span_make(NULL, 0, 0);
	env.offmap = NULL;
	launch_set_env(l, &env, strlen(text) == size ? 1 : 0);
	launch_set_argv(l, w.v, w.n);
	launch_eval(l);
	free(launch_print_config(l));
	launch_free(l);
	sw_words_free(&w);
	free(text);
	return 0;
}
