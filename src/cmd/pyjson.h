/* pyjson.h: a gunicorn setting's Python value as JSON (None → null, lists → arrays, objects → their text). */
#ifndef GL_PYJSON_H
#define GL_PYJSON_H

#include <cJSON.h>

#include "py/py.h"

cJSON *pyjson(const struct pyval *v);
/* The same as JSON text (caller frees). */
char *pyjson_text(const struct pyval *v);

#endif
