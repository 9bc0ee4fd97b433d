/*
 * yamlload.h: one way to load a YAML file or buffer with libcyaml against a
 * schema, with libcyaml's complaints collected into a message that names the
 * file and, where libcyaml reports it, the line and column.
 */
#ifndef GL_YAMLLOAD_H
#define GL_YAMLLOAD_H

#include <cyaml/cyaml.h>

#include "core.h"

/*
 * Loads `path` (or, when text != NULL, `len` bytes of text named `path`)
 * into *out.  On failure returns -1 and stores a message in *err (caller
 * frees); 0 on success.  Free the data with yl_free().
 */
int yl_load(const char *path, const char *text, size_t len,
    const cyaml_schema_value_t *schema, void **out, char **err);
void yl_free(const cyaml_schema_value_t *schema, void *data);

#endif
