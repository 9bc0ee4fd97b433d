try:
    import gevent
except ImportError:
    g = None
finally:
    t = 1
for i in []:
    pass
while 0:
    pass
