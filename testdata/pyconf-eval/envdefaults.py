# env: PORT=9000 EMPTY=
import os
port = os.environ.get("PORT", "8000")
host = os.getenv("HOST", "0.0.0.0")
bind = "%s:%s" % (host, port)
empty = os.environ.get("EMPTY", "default")
unset = os.getenv("UNSET")
workers = int(os.environ.get("WORKERS", 2))
has_port = "PORT" in os.environ
no_host = "HOST" not in os.environ
