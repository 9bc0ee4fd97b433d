/*
 * procs_int.h: the rules of env files and Procfiles (procs.c): the file
 * rules run once per file, the launch rules by the runner's table.
 */
#ifndef GL_PROCS_INT_H
#define GL_PROCS_INT_H

#include "rules/rules.h"

/* GL508, GL509 for env files no launched compose service reads; GL517,
 * GL518 for Procfiles. */
void procs_check_files(const struct gl_launches *set, struct findings *fs);

#endif
