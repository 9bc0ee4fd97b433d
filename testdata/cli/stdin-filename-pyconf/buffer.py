bind = "0.0.0.0:8000"
workers = 0
threads = 4  # gunilint ignore=GL204 -- the app is thread-safe
