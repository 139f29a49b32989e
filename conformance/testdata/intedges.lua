-- Integer and float edges where Lua 5.1 is exact.
local two53 = 2^53
print(two53, two53 - 1, -two53, two53 + 2)
print(9007199254740992 == two53, 9007199254740991 == two53 - 1)
print(string.format("%.0f", 2^53), string.format("%d", 2^52), string.format("%d", -2^53))
print(2^31, 2^32, 2^62, 2^63, 2^64)
print(4611686018427387904 * 2 == 2^63, 4611686018427387904 * 4 == 2^64)
print(-9223372036854775807 - 1 == -2^63, 9223372036854775807 > 2^62)
print(2147483647 + 1, -2147483648 - 1, 65536 * 65536, 4294967296 * 4294967296)
print(1e15 + 1, 1e15 - 1, 1e16 + 1 == 1e16)
print(100000000000000 - 1, 99999999999999 + 0)
---
-- Integer division-like operations always give floats or exact results.
print(7 / 2, -7 / 2, 6 / 3, 1 / 3, 2^53 / 2)
print(7 % 2, -7 % 2, 7 % -2, 7.5 % 2, 2^53 % 3, -2^53 % 3)
print(math.floor(7 / 2), math.ceil(7 / 2), math.floor(-7 / 2))
print(3 * 1.5, 3 - 3.0, 2 * 0.5, 10 * 0.1)
---
-- Mixed integer/float comparison.
print(1 == 1.0, 2 < 2.5, 3 >= 3.0, -1 < -0.5, 2^53 == 2^53 + 0.0)
local t = {}
t[1] = "int"
print(t[1.0], t[2 / 2], t[0.5 * 2])
t[2^53] = "big"
print(t[9007199254740992])
---
-- Numbers as strings.
print(1 .. "", 1.0 .. "", 1e15 .. "", 2^53 .. "", 0.1 .. "")
print(tostring(1/0), tostring(-1/0), tostring(1e300 * 1e300))
print(string.format("%5.1f|%g|%g", 2^53, 2^53, 1e15))
---
-- Negative zero.
local z = 0
local nz = -z
print(nz, 1 / nz, nz == 0, tostring(nz), string.format("%g", nz))
local m = z * -1
print(m, 1 / m)
---
-- NaN is never equal to itself and prints as the C library does.
local zero = 0
local nan = zero / zero
print(nan ~= nan, nan == nan, nan < nan, nan > 0, tostring(nan) == tostring(nan))
print(nan, -nan)
