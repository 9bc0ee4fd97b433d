# Python's int semantics: floor division and modulo follow the divisor.
a = 7 // 2, -7 // 2, 7 // -2, -7 // -2
b = 7 % 3, -7 % 3, 7 % -3, -7 % -3
c = 7 / 2, 1 / 3, 2 ** 10, 2 ** -1, -2 ** 2
d = 7.5 // 2, -7.5 // 2, 7.5 % -2, 2.0 ** 0.5
e = 1 << 10, 1024 >> 3, 6 & 3, 6 | 3, 6 ^ 3, ~5
f = 3 * 1.5, 10 - 0.1, True + True
g = (1 + 2) * 3 - 4 / 2
