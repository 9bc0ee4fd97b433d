a = 1 < 2 < 3, 3 > 2 > 2, 1 == 1.0, "a" < "b", [1, 2] < [1, 3]
b = 1 != 2, None is None, None is not None, "x" in "xyz", 3 in [1, 2]
c = not 0, not "", 1 and 2, 0 or "d", "" and 1, None or 0 or []
d = (1, 2) == (1, 2), {"a": 1} == {"a": 1}, 2 not in (1, 3)
