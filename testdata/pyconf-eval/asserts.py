workers = 0
assert workers >= 0, "negative"
assert workers > 0, "workers must be positive: %d" % workers
