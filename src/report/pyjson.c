/* pyjson.c: Python values of settings converted to cJSON for the json and sarif reports. */
#include <stdlib.h>

#include "report_int.h"

cJSON *
pyjson(const struct pyval *v)
{
	cJSON *o;
	size_t i;
	char *key;

	if (v == NULL)
		return cJSON_CreateNull();
	switch (v->kind) {
	case PV_NONE:
		return cJSON_CreateNull();
	case PV_BOOL:
		return cJSON_CreateBool(v->b);
	case PV_INT:
		/* Beyond a double's exact range keep the digits as a string. */
		if (v->big || v->i > (1LL << 53) || v->i < -(1LL << 53))
			return cJSON_CreateString(v->s);
		return cJSON_CreateNumber((double)v->i);
	case PV_STR:
		return cJSON_CreateString(v->s);
	case PV_LIST:
	case PV_TUPLE:
		o = cJSON_CreateArray();
		for (i = 0; i < v->n; i++)
			cJSON_AddItemToArray(o, pyjson(v->items[i]));
		return o;
	case PV_DICT:
		o = cJSON_CreateObject();
		for (i = 0; i + 1 < v->n; i += 2) {
			key = v->items[i]->kind == PV_STR ? NULL :
			    pv_str_text(v->items[i]);
			cJSON_AddItemToObject(o, key ? key : v->items[i]->s,
			    pyjson(v->items[i + 1]));
			free(key);
		}
		return o;
	case PV_OBJECT:
		return cJSON_CreateString(v->s);
	}
	return cJSON_CreateNull();
}

char *
pyjson_text(const struct pyval *v)
{
	cJSON *o = pyjson(v);
	char *s = cJSON_PrintUnformatted(o);

	cJSON_Delete(o);
	return s;
}
