"""The tiny app `gunilint probe --exec` serves: a WSGI callable `app`
(gunicorn's own workers) and an ASGI callable `asgi` (the uvicorn worker,
gunicorn's asgi worker).  Both answer every request with 200 "ok"."""

BODY = b"ok\n"
HEADERS = [("Content-Type", "text/plain"), ("Content-Length", str(len(BODY)))]


def app(environ, start_response):
    """WSGI: answers 200 ok."""
    start_response("200 OK", HEADERS)
    return [BODY]


async def asgi(scope, receive, send):
    """ASGI: answers 200 ok to HTTP, accepts the lifespan protocol."""
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["type"] != "http":
        return
    await send({
        "type": "http.response.start",
        "status": 200,
        "headers": [(k.lower().encode(), v.encode()) for k, v in HEADERS],
    })
    await send({"type": "http.response.body", "body": BODY})
