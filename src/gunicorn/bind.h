/*
 * bind.h: gunicorn's reading of a bind address (util.parse_address):
 * unix:PATH, unix://PATH, fd://N, tcp://HOST:PORT, [V6]:PORT, HOST:PORT,
 * HOST alone (port 8000) and the empty string (0.0.0.0:8000).
 */
#ifndef GL_BIND_H
#define GL_BIND_H

enum bind_kind { BIND_TCP, BIND_UNIX, BIND_FD, BIND_BAD_PORT };

struct bind_addr {
	enum bind_kind kind;
	char host[256];   /* TCP host ("0.0.0.0", "::", "localhost"), unix path */
	long port;        /* TCP port; fd number for BIND_FD */
	int loopback;     /* 127.0.0.0/8, ::1 or localhost */
	int wildcard;     /* 0.0.0.0, :: or empty host: every interface */
};

/* Parses one bind value; BIND_BAD_PORT when gunicorn would stop at start. */
void bind_parse(const char *s, struct bind_addr *out);

#endif
