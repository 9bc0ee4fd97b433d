import sys
print("loading config", file=sys.stderr)
workers = 3
print(workers)
sys.path.insert(0, "/app")
bind = "unix:/run/gunicorn.sock"
