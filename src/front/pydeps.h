/*
 * pydeps.h: the readers of Python dependency files (requirements and
 * constraints files, pyproject.toml, Pipfile, and the locks poetry.lock,
 * uv.lock and Pipfile.lock), which turn each into a flat list of records
 * with spans; and PEP 440 version comparison and specifier matching for
 * the rules that ask which gunicorn a project gets.
 *
 * Ownership: pydeps_read() fills a struct pydeps whose records and strings
 * live in its own arena; pydeps_free() releases them (the struct itself is
 * the caller's).  Spans point into out->src, which is the source given, or
 * for a UTF-16 requirements file a UTF-8 copy of it registered with the
 * same name (see pydeps_req.c); sources live until src_registry_free().
 */
#ifndef GL_PYDEPS_H
#define GL_PYDEPS_H

#include <stddef.h>

#include "core/core.h"

enum pydeps_kind {
	PYDEPS_UNKNOWN = 0,
	PYDEPS_REQUIREMENTS, /* requirements*.txt, constraints*.txt: pip's format */
	PYDEPS_PYPROJECT,    /* pyproject.toml */
	PYDEPS_PIPFILE,      /* Pipfile */
	PYDEPS_PIPFILE_LOCK, /* Pipfile.lock (JSON) */
	PYDEPS_POETRY_LOCK,  /* poetry.lock */
	PYDEPS_UV_LOCK,      /* uv.lock */
};

/* Which syntax a record was read from. */
enum pydeps_source {
	PYDEPS_SRC_REQUIREMENTS,
	PYDEPS_SRC_PEP621,      /* [project] dependencies, optional-dependencies */
	PYDEPS_SRC_PEP735,      /* [dependency-groups] */
	PYDEPS_SRC_POETRY,      /* [tool.poetry.*dependencies] */
	PYDEPS_SRC_PIPFILE,
	PYDEPS_SRC_POETRY_LOCK,
	PYDEPS_SRC_UV_LOCK,
	PYDEPS_SRC_PIPFILE_LOCK,
};

enum pydeps_rec_kind {
	PYDEPS_REQ,           /* a dependency */
	PYDEPS_INCLUDE,       /* -r FILE / --requirement FILE (not followed) */
	PYDEPS_CONSTRAINT,    /* -c FILE / --constraint FILE (not followed) */
	PYDEPS_OPTION,        /* a global option: --index-url URL, --pre, ... */
	PYDEPS_GROUP_INCLUDE, /* {include-group = "g"} in [dependency-groups] */
	PYDEPS_TEMPLATE,      /* a template line ({% if %}) in a requirements file */
	PYDEPS_ERROR,         /* what could not be read: message and span */
};

/*
 * One record.  Strings are NULL when absent unless said otherwise.
 *
 * PYDEPS_REQ: name is normalized (PEP 503: lowercase, runs of -_. as one
 * -), name_raw as written (both NULL for a bare URL without #egg=).  spec
 * is the PEP 440 specifier without spaces (">=20.1,<24"; "" for none);
 * spec_raw the constraint as written (Poetry's "^20.1" becomes spec
 * ">=20.1,<21.0" when it can be said in PEP 440; otherwise spec is NULL).
 * pinned is the version when spec is ==X or ===X without a wildcard, or
 * the version a lock records.  group is "main" for the main dependencies,
 * "dev" for Poetry's and Pipfile's development ones, an extra's or a
 * dependency group's name otherwise.
 *
 * PYDEPS_INCLUDE, PYDEPS_CONSTRAINT, PYDEPS_OPTION, PYDEPS_GROUP_INCLUDE:
 * option is the option as written ("-r", "--index-url"; NULL for a group
 * include) and value its argument (a path, a URL, a group; NULL for a
 * flag).  PYDEPS_ERROR: message, and name_span is where the error is
 * (the other strings are NULL).  span covers the whole requirement (a
 * requirements line with its continuations, a TOML string with its
 * quotes, or key = value in TOML); name_span the name (or span when there
 * is none).
 */
struct pydeps_rec {
	enum pydeps_rec_kind kind;
	enum pydeps_source source;
	const char *name;
	const char *name_raw;
	const char **extras;
	size_t nextras;
	const char *spec;
	const char *spec_raw;
	const char *pinned;
	const char *marker;
	const char *url;        /* name @ URL, a URL or path line, -e target, git = */
	const char *group;
	int editable;           /* -e, or editable = true */
	int optional;           /* Poetry's optional = true */
	const char **hashes;    /* --hash=sha256:... values, and lock hashes */
	size_t nhashes;
	const char *option;
	const char *value;
	const char *message;
	struct span span;
	struct span name_span;
};

struct pydeps {
	const struct source *src;
	struct pydeps_rec *v;
	size_t n, cap;
	struct arena *arena;
};

/* The kind of a dependency file by its base name, or PYDEPS_UNKNOWN. */
enum pydeps_kind pydeps_kind_of(const char *path);
const char *pydeps_kind_name(enum pydeps_kind kind);
const char *pydeps_source_name(enum pydeps_source source);
const char *pydeps_rec_kind_name(enum pydeps_rec_kind kind);

/*
 * Reads src as a file of the given kind and appends its records to *out
 * (which starts zeroed).  Returns 0, or -1 when the file as a whole cannot
 * be read (a TOML or JSON syntax error, an unknown kind): one PYDEPS_ERROR
 * record then says why.  A requirement that does not parse is a
 * PYDEPS_ERROR record, and the rest of the file is still read.
 */
int pydeps_read(const struct source *src, enum pydeps_kind kind,
    struct pydeps *out);
void pydeps_free(struct pydeps *deps);

/* PEP 503 normalization of a project name (caller frees). */
char *pydeps_normalize(const char *name, size_t len);

/*
 * PEP 440 ordering: <0, 0 or >0 as a sorts before, equal to or after b
 * (epoch, release with trailing zeros ignored, pre-, post- and
 * dev-releases, local versions).  A string that is not a PEP 440 version
 * sorts before every valid one; two invalid ones compare as strings.
 */
int pydeps_version_cmp(const char *a, const char *b);
/* 1 when version is a valid PEP 440 version. */
int pydeps_version_valid(const char *version);

/*
 * 1 when version satisfies every clause of spec (">=20.1,<24", "~=22.0",
 * "==23.*", "!=21.2.0", "===1.0"; "" allows all), 0 when not, -1 when
 * the spec or the version does not parse.  Pre-releases are matched as
 * packaging's SpecifierSet.contains(version, prereleases=True) does.
 */
int pydeps_spec_allows(const char *spec, const char *version);

#endif
