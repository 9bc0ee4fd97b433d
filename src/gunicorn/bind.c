/* bind.c: bind addresses as gunicorn's util.parse_address reads them. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gunicorn/gunicorn.h"

static void
set_host(struct bind_addr *b, const char *s, size_t n)
{
	if (n >= sizeof(b->host))
		n = sizeof(b->host) - 1;
	memcpy(b->host, s, n);
	b->host[n] = '\0';
}

/* A port as Python's int() reads it; -1 when it is not one. */
static long
parse_port(const char *s)
{
	char *end;
	long v;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0')
		return -1;
	v = strtol(s, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	return *end == '\0' ? v : -1;
}

static void
classify(struct bind_addr *b)
{
	b->loopback = strncmp(b->host, "127.", 4) == 0 ||
	    strcmp(b->host, "::1") == 0 || strcasecmp(b->host, "localhost") == 0;
	b->wildcard = b->host[0] == '\0' || strcmp(b->host, "0.0.0.0") == 0 ||
	    strcmp(b->host, "::") == 0;
}

void
bind_parse(const char *s, struct bind_addr *out)
{
	const char *colon, *close;

	memset(out, 0, sizeof(*out));
	if (strncmp(s, "unix://", 7) == 0 || strncmp(s, "unix:", 5) == 0) {
		out->kind = BIND_UNIX;
		s += s[5] == '/' && s[6] == '/' ? 7 : 5;
		set_host(out, s, strlen(s));
		return;
	}
	if (strncmp(s, "fd://", 5) == 0) {
		out->kind = BIND_FD;
		out->port = parse_port(s + 5);
		return;
	}
	if (strncmp(s, "tcp://", 6) == 0)
		s += 6;
	out->kind = BIND_TCP;
	out->port = 8000;
	if (s[0] == '[' && (close = strchr(s, ']')) != NULL) {
		/* [V6]:PORT; anything after a second ':' is dropped. */
		set_host(out, s + 1, (size_t)(close - s - 1));
		colon = close[1] == ':' ? close + 1 : NULL;
	} else {
		colon = strchr(s, ':');
		set_host(out, s, colon ? (size_t)(colon - s) : strlen(s));
	}
	if (colon != NULL) {
		char port[32];
		const char *end = strchr(colon + 1, ':');
		size_t n = end ? (size_t)(end - colon - 1) : strlen(colon + 1);

		if (n >= sizeof(port))
			n = sizeof(port) - 1;
		memcpy(port, colon + 1, n);
		port[n] = '\0';
		out->port = parse_port(port);
		if (out->port < 0)
			out->kind = BIND_BAD_PORT;
	}
	if (out->host[0] == '\0' && out->kind == BIND_TCP)
		strcpy(out->host, "0.0.0.0");
	classify(out);
}
