# runtime: gevent HAVE_GEVENT worker_class
import os
try:
    import gevent
    HAVE_GEVENT = True
except ImportError:
    HAVE_GEVENT = False
worker_class = "gevent" if HAVE_GEVENT else "sync"
try:
    port = int(os.environ["PORT"])
except KeyError:
    port = 8000
try:
    threads = int("x")
except (TypeError, ValueError):
    threads = 2
else:
    threads = 99
finally:
    timeout = 60
try:
    workers = 4
except Exception:
    workers = 1
bind = "0.0.0.0:%d" % port
