bind = "0.0.0.0:8000"
worker = 4
access_log = "-"
WORKERS = 3
bind_address = "0.0.0.0:9000"
