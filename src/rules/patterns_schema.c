/* patterns_schema.c: reads and checks rules/patterns.yaml with libcyaml; every pattern must compile. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>

#include "rules/patterns_schema_int.h"

static const cyaml_schema_field_t env_fields[] = {
	CYAML_FIELD_STRING_PTR("name", CYAML_FLAG_POINTER, struct env_name,
	    name, 1, CYAML_UNLIMITED),
	CYAML_FIELD_STRING_PTR("near-miss", CYAML_FLAG_POINTER, struct env_name,
	    near_miss, 1, CYAML_UNLIMITED),
	CYAML_FIELD_STRING_PTR("what", CYAML_FLAG_POINTER, struct env_name,
	    what, 1, CYAML_UNLIMITED),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t env_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct env_name, env_fields),
};

static const cyaml_schema_field_t file_fields[] = {
	CYAML_FIELD_SEQUENCE_COUNT("env-names", CYAML_FLAG_POINTER,
	    struct patterns_file, env_names, nenv_names, &env_entry, 1,
	    CYAML_UNLIMITED),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t file_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct patterns_file,
	    file_fields),
};

int
patterns_load(const char *path, struct patterns_file **out, char **err)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE erroff;
	pcre2_code *re;
	void *data;
	unsigned i;
	int code;

	if (yl_load(path, NULL, 0, &file_schema, &data, err) < 0)
		return -1;
	*out = data;
	if ((*out)->nenv_names > PATTERNS_MAX_ENV_NAMES) {
		*err = xasprintf("%s: more than %d env-names", path,
		    PATTERNS_MAX_ENV_NAMES);
		patterns_free(*out);
		*out = NULL;
		return -1;
	}
	for (i = 0; i < (*out)->nenv_names; i++) {
		re = pcre2_compile((PCRE2_SPTR)(*out)->env_names[i].near_miss,
		    PCRE2_ZERO_TERMINATED, PCRE2_CASELESS, &code, &erroff, NULL);
		if (re == NULL) {
			pcre2_get_error_message(code, msg, sizeof(msg));
			*err = xasprintf("%s: %s: pattern does not compile at "
			    "offset %zu: %s", path, (*out)->env_names[i].name,
			    (size_t)erroff, (const char *)msg);
			patterns_free(*out);
			*out = NULL;
			return -1;
		}
		pcre2_code_free(re);
	}
	return 0;
}

void
patterns_free(struct patterns_file *pf)
{
	yl_free(&file_schema, pf);
}
