workers = 2
threads = undefined_name * 2
