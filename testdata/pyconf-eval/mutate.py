bind = ["127.0.0.1:8000"]
bind.append("127.0.0.1:8001")
alias = bind
alias.extend(["[::1]:8000"])
raw_env = []
raw_env.insert(0, "A=1")
headers = {}
headers["X-Proto"] = "https"
del alias
