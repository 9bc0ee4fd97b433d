/*
 * validate.h: gunicorn's value converters and validators, one per
 * set_cli_type (argparse's type= step) and per set_type (the setting's
 * validate_* function), each giving the typed value gunicorn would store or
 * the exact message it would print.
 *
 * Messages are returned without gunicorn's decoration: the caller prints
 * "gunicorn: error: argument -w/--workers: <msg>" (exit 2) for argparse
 * conversions and "Error: <msg>" (exit 1) for validators, preceded for
 * config-file values by "Invalid value for NAME: VALUE".
 */
#ifndef GL_VALIDATE_H
#define GL_VALIDATE_H

#include <stddef.h>

#include "py/py.h"
#include "gunicorn/settings.h"

/*
 * Python's int(s, base) for base 10 or 0 on a str: surrounding whitespace,
 * one sign, single underscores between digits, and for base 0 the 0x/0o/0b
 * prefixes with no leading zeros on decimals.  Returns NULL when Python
 * raises ValueError.
 */
struct pyval *val_py_int(const char *s, size_t len, int base);
/* The ValueError text Python gives for that failed int() (caller frees). */
char *val_literal_error(const char *s, size_t len, int base);

/*
 * The value of the Unicode decimal digit (category Nd, what Python's \d
 * and int() accept) at s, or -1; *adv is its length in bytes.
 */
int val_decimal_digit(const char *s, size_t len, size_t *adv);

/*
 * argparse's type conversion for a CLI value.  SC_STR returns the string;
 * SC_INT is int(s); SC_AUTO_INT is gunicorn's auto_int ("022" is octal).
 * On failure returns -1 and *msg = "invalid int value: 'abc'" (caller
 * frees).
 */
int val_cli_convert(enum set_cli_type t, const char *s, size_t len,
    struct pyval **out, char **msg);

/* Machine facts the validators consult; the caller fills it. */
struct val_ctx {
	enum gl_version version;
	const char *cwd;   /* gunicorn's startup directory, for chdir */
	long uid, gid;     /* effective ids: user/group of None */
	/*
	 * check_host: 1 = judge user/group names and paths on this machine,
	 * as the real gunicorn would here.  0 = a linter's view of another
	 * machine (a container): names are accepted as they are (value kept
	 * as the name) and paths are not checked for existence.
	 */
	int check_host;
};

enum val_status {
	VAL_OK = 0,
	VAL_ERROR = -1, /* gunicorn stops: "Error: <msg>", exit 1 */
};

/*
 * Runs setting d's validator on `in` (a CLI string, the converted int, or
 * a config-file value).  On success *out is the stored value and *warning
 * a message gunicorn prints and carries on after (21.0+ ssl_version), or
 * NULL.  On failure *msg is the exception text.  Caller frees all three.
 */
enum val_status val_setting(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warning);

/* The ssl.PROTOCOL_* names of the Python 3.11 gunicorn 20.1 runs on. */
extern const char *const val_ssl_protocol_names[];

#endif
