import os
port = os.environ.get("PORT", "80")
bind = f"{port!r:>8}"
if port:
    x = 1
elif 0:
    x = 2
else:
    x = 3
