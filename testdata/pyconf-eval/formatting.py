host, port = "127.0.0.1", 8000
a = "%s:%d" % (host, port)
b = "%r" % (host,)
c = "%5d|%-5s|%05.1f|%x|%%" % (42, "ab", 3.14159, 255)
d = "%(h)s:%(p)s" % {"h": host, "p": port}
e = "{}:{}".format(host, port)
f = "{0}-{1}-{0}".format("a", "b")
g = "{h}:{p}".format(h=host, p=port)
h = f"{host}:{port}"
i = f"{port:>6}|{port:<6}|{port:^6}|{port:06d}|{3.14159:.2f}|{1234567:,}"
j = f"{host!r} {port=}"
k = f"{{literal}} {'nested'} {port * 2}"
l = "{:x} {:o} {:b} {:#x} {:+d}".format(255, 8, 5, 255, 3)
m = "%.3e %g %s" % (12345.678, 0.0001, None)
