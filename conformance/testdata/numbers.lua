-- Number formatting: integers print every digit, floats print as %.14g.
print(0, 1, -1, 42, 1000000, 123456789, 1e14, 1e15, 1e16, 1e100, -1e-100)
print(0.1, 0.5, 1.5, -2.25, 3.14159265358979, 1/3, 2/3, 100/3)
print(1e300, 1.7976931348623157e308, 4.9e-324, 2.2250738585072014e-308)
print(12345678901234, 99999999999999, 123456789012345.0, 1e14 - 1)
print(0x10, 0xff, 0XA, 0x7fffffff, 0xffffffff)
print(5e0, 5., .5, 5e-1, 1E2, 2.5e+3)
print(2^24, 2^31, 2^32, 2^52, 2^53 - 1)
print(-2^31, -2^53)
print(tostring(10), tostring(-0.5), tostring(1e15), tostring(2^63))
print(10 == 10.0, 2^53 == 9007199254740992, tostring(3) == "3", tostring(3.0) == "3")
print(3.0, -7.0, 1e2, 65536.0)
---
-- Exact integer literals beyond 2^53 (5.1 rounds them the same way when printing).
print(9007199254740993 >= 9007199254740992, 2^53 + 1 == 2^53)
print(1767225600002742581 > 0)
---
-- Integer and float equality, table keys.
local t = {}
t[1] = "a"
t[1.0] = "b"
t[2^53] = "c"
print(t[1], #t, t[9007199254740992])
t[1.5] = "d"
print(t[1.5], t[3/2])
local k = 3
t[k / 1] = "e"
print(t[3], rawget(t, 3.0))
---
-- math.floor/ceil of floats return numbers usable as integers.
print(math.floor(3.7), math.ceil(3.2), math.floor(-3.7), math.ceil(-3.2), math.floor(-0.5))
print(math.floor(2^40 + 0.5), math.floor(1e100))
local t = {10, 20, 30}
print(t[math.floor(2.9)], t[4 / 2], t[1.0 + 1])
---
-- Numeric for loop variables keep integer or float form.
for i = 1, 3 do io.write(i, " ") end print()
for i = 1, 2, 0.5 do io.write(i, " ") end print()
for i = 10, 1, -3 do io.write(i, " ") end print()
for i = 1.0, 3 do io.write(i, " ") end print()
for i = 0.1, 0.35, 0.1 do io.write(i, " ") end print()
