import os
bind = "0.0.0.0:80"
secret = os.environ["SECRET_KEY"]
workers = 3
