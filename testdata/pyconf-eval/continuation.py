bind = [
    "0.0.0.0:8000",  # comment inside brackets
    "unix:/run/app.sock",
]
total = 1 + \
    2 + \
    3
access_log_format = ('%(h)s %(l)s '
                     '%(u)s %(t)s')
d = {
    "a": (1,
          2),
}
if True:
    x = 1; y = 2
    if x:
        z = 3
w = 4
