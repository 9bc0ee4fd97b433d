# Numbers, strings and constants as Python reads them.
a = 1_000_000
b = 0x1F + 0o17 + 0b101
c = 3.5e2
d = .5
e = 1e16
f = 0.0001
g = 1e-5
h = True, False, None
i = 'single' "double" '''triple''' """also"""
j = r"raw\n\d" + b"x".decode() if False else r"raw\n\d"
k = "tab\tnl\nq\'\"\x41\101\u00e9\U0001F600"
l = "é" * 2
m = "line \
continued"
n = 10**18 * 9
