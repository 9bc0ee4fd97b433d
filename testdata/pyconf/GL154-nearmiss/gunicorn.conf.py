import os

# helpers the file reads itself: not meant as settings
workers_per_core = float(os.environ.get("WORKERS_PER_CORE", "2"))
port = os.environ.get("PORT", "8000")
bind = "0.0.0.0:" + port
workers = int(workers_per_core * 2)
_timeout = 30
timeout = _timeout
