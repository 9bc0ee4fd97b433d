/*
 * probe_net.c: the sockets of the probe: an in-process TLS server thread
 * on 127.0.0.1 with an ephemeral port, client connections with a timeout
 * on every blocking call, and the raw reply to a bare ClientHello (which
 * tells a plaintext error page from a silent port).
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <openssl/err.h>

#include "probe_int.h"

static const char response[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain"
    "\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n";

double
probe_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void
set_timeouts(int fd, int ms)
{
	struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

/* Serves one accepted connection: handshake, read the request, answer. */
static void
serve_one(struct probe_server *s, int fd)
{
	SSL *ssl = SSL_new(s->ctx);
	char buf[4096], err[256] = "";
	size_t got = 0;
	int n;

	set_timeouts(fd, s->timeout_ms);
	SSL_set_fd(ssl, fd);
	if (SSL_accept(ssl) != 1) {
		probe_ssl_error(err, sizeof(err));
	} else {
		while (got < sizeof(buf) - 1 &&
		    (n = SSL_read(ssl, buf + got, (int)(sizeof(buf) - 1 - got)))
		    > 0) {
			got += (size_t)n;
			buf[got] = '\0';
			if (strstr(buf, "\r\n\r\n") != NULL)
				break;
		}
		if (got > 0)
			SSL_write(ssl, response, (int)sizeof(response) - 1);
		else
			probe_ssl_error(err, sizeof(err));
		SSL_shutdown(ssl);
	}
	SSL_free(ssl);
	close(fd);
	ERR_clear_error();
	pthread_mutex_lock(&s->mu);
	snprintf(s->last_error, sizeof(s->last_error), "%s", err);
	s->served++;
	pthread_mutex_unlock(&s->mu);
}

static void *
server_main(void *arg)
{
	struct probe_server *s = arg;
	struct pollfd pfd[2] = { { s->lfd, POLLIN, 0 }, { s->wake[0], POLLIN,
	    0 } };
	int stop, fd;

	for (;;) {
		pthread_mutex_lock(&s->mu);
		stop = s->stop;
		pthread_mutex_unlock(&s->mu);
		if (stop)
			break;
		/* no timeout: probe_server_stop() wakes it through the pipe */
		if (poll(pfd, 2, -1) <= 0 || !(pfd[0].revents & POLLIN))
			continue;
		pthread_mutex_lock(&s->mu);
		s->busy = 1;
		pthread_mutex_unlock(&s->mu);
		if ((fd = accept(s->lfd, NULL, NULL)) >= 0)
			serve_one(s, fd);
		pthread_mutex_lock(&s->mu);
		s->busy = 0;
		pthread_mutex_unlock(&s->mu);
	}
	return NULL;
}

int
probe_server_start(struct probe_server *s, SSL_CTX *ctx, int timeout_ms,
    char **why)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	char msg[512];

	memset(s, 0, sizeof(*s));
	s->ctx = ctx;
	s->timeout_ms = timeout_ms;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((s->lfd = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    bind(s->lfd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    listen(s->lfd, 16) != 0 ||
	    getsockname(s->lfd, (struct sockaddr *)&sa, &len) != 0) {
		frag_snprintf(msg, sizeof(msg), "cannot listen on 127.0.0.1: "
		    "%s", strerror(errno));
		*why = xstrdup(msg);
		if (s->lfd >= 0)
			close(s->lfd);
		s->lfd = -1;
		return -1;
	}
	s->port = ntohs(sa.sin_port);
	if (pipe(s->wake) != 0) {
		frag_snprintf(msg, sizeof(msg), "cannot make a pipe: %s",
		    strerror(errno));
		*why = xstrdup(msg);
		close(s->lfd);
		s->lfd = -1;
		return -1;
	}
	pthread_mutex_init(&s->mu, NULL);
	if (pthread_create(&s->thread, NULL, server_main, s) != 0) {
		*why = xstrdup(F_("cannot start the server thread"));
		close(s->lfd);
		close(s->wake[0]);
		close(s->wake[1]);
		pthread_mutex_destroy(&s->mu);
		return -1;
	}
	s->started = 1;
	return 0;
}

void
probe_server_stop(struct probe_server *s)
{
	if (!s->started)
		return;
	pthread_mutex_lock(&s->mu);
	s->stop = 1;
	pthread_mutex_unlock(&s->mu);
	if (write(s->wake[1], "x", 1) != 1) {
		/* a pipe with room for a byte: cannot happen */
	}
	pthread_join(s->thread, NULL);
	pthread_mutex_destroy(&s->mu);
	close(s->wake[0]);
	close(s->wake[1]);
	close(s->lfd);
	s->started = 0;
}

int
probe_connect(const char *host, int port, int timeout_ms, char *err,
    size_t errn)
{
	struct addrinfo hints, *res = NULL, *ai;
	char portstr[16];
	int fd = -1, rc, soerr;
	socklen_t sl = sizeof(soerr);

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	snprintf(portstr, sizeof(portstr), "%d", port);
	if ((rc = getaddrinfo(host, portstr, &hints, &res)) != 0) {
		snprintf(err, errn, "%s: %s", host, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		struct pollfd pfd;

		if ((fd = socket(ai->ai_family, SOCK_STREAM, 0)) < 0)
			continue;
		fcntl(fd, F_SETFL, O_NONBLOCK);
		rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
		pfd.fd = fd;
		pfd.events = POLLOUT;
		if (rc != 0 && errno == EINPROGRESS &&
		    poll(&pfd, 1, timeout_ms) == 1 &&
		    getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) == 0 &&
		    soerr == 0)
			rc = 0;
		else if (rc != 0)
			frag_snprintf(err, errn, "connect to %s:%d: %s", host,
			    port, soerr ? strerror(soerr) : errno ==
			    EINPROGRESS ? F_("timed out") : strerror(errno));
		if (rc == 0) {
			fcntl(fd, F_SETFL, 0);
			set_timeouts(fd, timeout_ms);
			break;
		}
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

/* Waits until the in-process server has finished `before + 1` connections. */
static void
server_side(struct probe_server *s, int before, char *out, size_t n)
{
	double end = probe_now_ms() + s->timeout_ms;
	int served;

	for (;;) {
		pthread_mutex_lock(&s->mu);
		served = s->served;
		if (served > before)
			snprintf(out, n, "%s", s->last_error);
		pthread_mutex_unlock(&s->mu);
		if (served > before || probe_now_ms() > end)
			break;
		usleep(1000);
	}
}

static int
read_status(SSL *ssl, const char *sni)
{
	char req[512], buf[512];
	int n, got = 0, status = 0;

	snprintf(req, sizeof(req), "GET / HTTP/1.1\r\nHost: %s\r\nUser-Agent: "
	    "gunilint-probe\r\nConnection: close\r\n\r\n", sni ? sni :
	    "localhost");
	if (SSL_write(ssl, req, (int)strlen(req)) <= 0)
		return -1;
	while (got < (int)sizeof(buf) - 1 &&
	    (n = SSL_read(ssl, buf + got, (int)sizeof(buf) - 1 - got)) > 0) {
		got += n;
		buf[got] = '\0';
		if (strchr(buf, '\n') != NULL)
			break;
	}
	if (got > 0)
		buf[got] = '\0';
	if (got < 12 || sscanf(buf, "HTTP/%*d.%*d %d", &status) != 1)
		return -1;
	return status;
}

static void
conn_fail(struct probe_conn *c, const struct probe_peer *p, int before,
    const char *client)
{
	char srv[256] = "";

	if (p->srv != NULL)
		server_side(p->srv, before, srv, sizeof(srv));
	snprintf(c->err, sizeof(c->err), "%s%s%s", client,
	    srv[0] ? F_("; server: ") : "", srv);
}

void
probe_session(const struct probe_peer *p, SSL_CTX *cctx, const char *sni,
    int http, int timeout_ms, struct probe_conn *c)
{
	char err[256];
	int fd, before = 0, rc;
	SSL *ssl;
	double t0 = probe_now_ms();

	memset(c, 0, sizeof(*c));
	if (p->srv != NULL) {
		/* Let the server finish the previous connection first, so its
		   next error is this connection's. */
		double end = t0 + timeout_ms;
		int busy;

		for (;;) {
			pthread_mutex_lock(&p->srv->mu);
			busy = p->srv->busy;
			before = p->srv->served;
			pthread_mutex_unlock(&p->srv->mu);
			if (!busy || probe_now_ms() > end)
				break;
			usleep(200);
		}
	}
	if ((fd = probe_connect(p->host, p->port, timeout_ms, err,
	    sizeof(err))) < 0) {
		snprintf(c->err, sizeof(c->err), "%s", err);
		c->ms = probe_now_ms() - t0;
		return;
	}
	ERR_clear_error();
	ssl = SSL_new(cctx);
	SSL_set_fd(ssl, fd);
	if (sni != NULL && sni[0] != '\0' && strspn(sni, "0123456789.:") !=
	    strlen(sni))
		SSL_set_tlsext_host_name(ssl, sni);
	if ((rc = SSL_connect(ssl)) != 1) {
		int e = SSL_get_error(ssl, rc);

		if (ERR_peek_last_error() != 0)
			probe_ssl_error(err, sizeof(err));
		else if (e == SSL_ERROR_SYSCALL || e == SSL_ERROR_ZERO_RETURN)
			snprintf(err, sizeof(err), "%s", F_("the server "
			    "closed the connection during the handshake"));
		else
			snprintf(err, sizeof(err), "%s", F_("handshake failed"));
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			frag_snprintf(err, sizeof(err), "no answer within %d ms",
			    timeout_ms);
		conn_fail(c, p, before, err);
	} else {
		const SSL_CIPHER *ci = SSL_get_current_cipher(ssl);
		const char *g = SSL_group_to_name(ssl,
		    SSL_get_negotiated_group(ssl));
		STACK_OF(X509) *sk = SSL_get_peer_cert_chain(ssl);
		int i;

		c->handshake_ok = 1;
		snprintf(c->proto, sizeof(c->proto), "%s", SSL_get_version(ssl));
		snprintf(c->cipher, sizeof(c->cipher), "%s",
		    ci ? SSL_CIPHER_get_name(ci) : "?");
		snprintf(c->group, sizeof(c->group), "%s", g ? g : "");
		c->leaf = SSL_get1_peer_certificate(ssl);
		c->chain = sk_X509_new_null();
		for (i = 0; sk && i < sk_X509_num(sk); i++) {
			X509_up_ref(sk_X509_value(sk, i));
			sk_X509_push(c->chain, sk_X509_value(sk, i));
		}
		c->ok = 1;
		if (http && (c->http_status = read_status(ssl, sni)) < 0) {
			c->http_status = 0;
			c->ok = 0;
			probe_ssl_error(err, sizeof(err));
			if (strcmp(err, "unknown error") == 0)
				snprintf(err, sizeof(err), "%s", F_("no HTTP "
				    "answer (connection closed or timed out)"));
			conn_fail(c, p, before, err);
		}
		SSL_shutdown(ssl);
	}
	SSL_free(ssl);
	close(fd);
	ERR_clear_error();
	c->ms = probe_now_ms() - t0;
}

void
probe_conn_release(struct probe_conn *c)
{
	X509_free(c->leaf);
	sk_X509_pop_free(c->chain, X509_free);
	c->leaf = NULL;
	c->chain = NULL;
}

/* Classifies the first bytes a server sends back to a ClientHello. */
static void
classify(const unsigned char *b, ssize_t n, int timeout_ms, char *out,
    size_t on)
{
	if (n == 0)
		snprintf(out, on, "%s", F_("no reply: the server closed the "
		    "connection"));
	else if (n < 0)
		frag_snprintf(out, on, "no answer within %d ms: the port does "
		    "not speak TLS (a plain-HTTP sync worker waits for a line "
		    "end until its timeout), or no worker is serving (stuck or "
		    "crashing)",
		    timeout_ms);
	else if (b[0] == 0x15)
		snprintf(out, on, "%s", F_("a TLS alert (the server speaks TLS "
		    "and refused the handshake)"));
	else if (b[0] == 0x16)
		snprintf(out, on, "%s", F_("a TLS handshake record"));
	else if (n >= 12 && memcmp(b, "HTTP/", 5) == 0 &&
	    memcmp(b + 9, "403", 3) == 0)
		snprintf(out, on, "%s", F_("a plaintext \"HTTP/1.1 403\": "
		    "gunicorn's worker failed to build its TLS context "
		    "(ssl.SSLError: key mismatch, PEM lib, no cipher, encrypted "
		    "key...); the cause is in its log"));
	else if (n >= 12 && memcmp(b, "HTTP/", 5) == 0 &&
	    memcmp(b + 9, "500", 3) == 0)
		snprintf(out, on, "%s", F_("a plaintext \"HTTP/1.1 500\": a "
		    "non-TLS error while wrapping the socket (keyfile without "
		    "certfile, ssl_version TLS_CLIENT, Python without "
		    "ssl.wrap_socket), or a plain-HTTP worker timed out"));
	else if (n >= 12 && memcmp(b, "HTTP/", 5) == 0)
		frag_snprintf(out, on, "a plaintext \"%.12s\": the server speaks "
		    "plain HTTP on this port", (const char *)b);
	else
		frag_snprintf(out, on, "%zd bytes that are neither TLS nor HTTP",
		    n);
}

void
probe_raw_reply(const struct probe_peer *p, int timeout_ms, char *out,
    size_t n)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
	SSL *ssl = SSL_new(ctx);
	BIO *rb = BIO_new(BIO_s_mem()), *wb = BIO_new(BIO_s_mem());
	unsigned char buf[512];
	char *hello, err[256];
	long len;
	ssize_t got = -1;
	int fd;

	SSL_set_bio(ssl, rb, wb);
	SSL_set_connect_state(ssl);
	SSL_do_handshake(ssl); /* writes the ClientHello into wb */
	len = BIO_get_mem_data(wb, &hello);
	if ((fd = probe_connect(p->host, p->port, timeout_ms, err,
	    sizeof(err))) < 0) {
		snprintf(out, n, "%s", err);
	} else {
		if (send(fd, hello, (size_t)len, 0) == (ssize_t)len)
			got = recv(fd, buf, sizeof(buf), 0);
		classify(buf, got, timeout_ms, out, n);
		close(fd);
	}
	SSL_free(ssl);
	SSL_CTX_free(ctx);
	ERR_clear_error();
}
