/* yamlload.c: libcyaml loading with errors gathered into one readable message. */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

static void
yl_log(cyaml_log_t level, void *ctx, const char *fmt, va_list args)
{
	struct strbuf *sb = ctx;
	char *msg;
	size_t n;

	if (level < CYAML_LOG_ERROR)
		return;
	msg = xvasprintf(fmt, args);
	n = strlen(msg);
	while (n > 0 && msg[n - 1] == '\n')
		msg[--n] = '\0';
	/* libcyaml prefixes "Load: "; our message names the file instead. */
	if (sb->len)
		sb_adds(sb, "; ");
	sb_adds(sb, strncmp(msg, "Load: ", 6) == 0 ? msg + 6 : msg);
	free(msg);
}

static const cyaml_config_t *
yl_config(struct strbuf *sb, cyaml_config_t *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->log_fn = yl_log;
	cfg->log_ctx = sb;
	cfg->mem_fn = cyaml_mem;
	cfg->log_level = CYAML_LOG_ERROR;
	cfg->flags = CYAML_CFG_DEFAULT;
	return cfg;
}

int
yl_load(const char *path, const char *text, size_t len,
    const cyaml_schema_value_t *schema, void **out, char **err)
{
	struct strbuf log = STRBUF_INIT;
	cyaml_config_t cfg;
	cyaml_err_t rc;

	*out = NULL;
	yl_config(&log, &cfg);
	if (text != NULL)
		rc = cyaml_load_data((const uint8_t *)text, len, &cfg, schema,
		    (cyaml_data_t **)out, NULL);
	else
		rc = cyaml_load_file(path, &cfg, schema, (cyaml_data_t **)out,
		    NULL);
	if (rc == CYAML_OK && *out == NULL)
		sb_adds(&log, "empty file");
	if (rc == CYAML_OK && *out != NULL) {
		sb_release(&log);
		return 0;
	}
	*err = xasprintf("%s: %s%s%s", path, rc == CYAML_OK ?
	    "invalid document" : cyaml_strerror(rc), log.len ? ": " : "",
	    sb_str(&log));
	sb_release(&log);
	*out = NULL;
	return -1;
}

void
yl_free(const cyaml_schema_value_t *schema, void *data)
{
	struct strbuf log = STRBUF_INIT;
	cyaml_config_t cfg;

	if (data == NULL)
		return;
	cyaml_free(yl_config(&log, &cfg), schema, data, 0);
	sb_release(&log);
}
