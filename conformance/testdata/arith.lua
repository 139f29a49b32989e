-- Arithmetic operators, precedence and associativity.
assert(1 + 2 * 3 == 7)
assert((1 + 2) * 3 == 9)
assert(2 ^ 3 ^ 2 == 512, "^ is right associative")
assert(-2 ^ 2 == -4, "unary minus binds looser than ^")
assert(2 ^ -1 == 0.5)
assert(10 - 4 - 3 == 3, "- is left associative")
assert(100 / 10 / 5 == 2)
assert(7 % 3 == 1 and -7 % 3 == 2 and 7 % -3 == -2 and -7 % -3 == -1)
assert(not nil == true and not 1 == false)
assert(- - 3 == 3)
print(1 + 2, 3 - 5, 2 * 3, 7 / 2, 8 / 2, 2 ^ 10, 7 % 3)
print(1 + 2 * 3 - 4 / 2, (1 + 2) * (3 - 4) / 2, 2 ^ 2 ^ 3, -3 ^ 2)
print(1 .. 2 == "12", "a" .. "b" .. "c" == "abc")
print(1 < 2 == true, not 1 == 2)
---
-- Integer results stay exact; overflow turns into the float result.
local big = 9223372036854775807
local small = -9223372036854775807 - 1
assert(big > 2^62 and small < -2^62 and small - 1 == -2^63)
print(big + 1, small - 1, big * 2, -small)
print(2^53, 2^53 + 1, 2^63, -2^63)
local a, b = 9007199254740992, 1
print(a + b == 9007199254740993)
print(4611686018427387904 * 2, 3037000500 * 3037000500)
print(123456789 * 1000, 1000000 * 1000000)
---
-- Modulo and division edges.
local function m(a, b) return a % b end
print(m(5, 3), m(-5, 3), m(5, -3), m(-5, -3))
print(m(5.5, 2), m(-5.5, 2), m(5, 2.5), m(1e15, 7))
print(m(3, math.huge), m(-3, math.huge))
print(7 / 2, -7 / 2, 1 / 3, 2 / 3, 10 / 5)
print(3 % 1, 3.25 % 1, -3.25 % 1)
---
-- Infinities and NaN print as the C library prints them.
local zero, one = 0, 1
print(one / zero, -one / zero)
local inf = math.huge
print(inf, -inf, inf - inf ~= inf - inf)
local nan = inf - inf
print(nan ~= nan, nan == nan, not (nan < 1), not (nan >= 1))
print(math.huge > 9223372036854775807, -math.huge < -9223372036854775807)
print(1e308 * 10, -1e308 * 10)
---
-- Negative zero (kept apart from 0 constants: 5.1 shares one constant slot
-- for 0 and -0 within a function).
local z = 0
print(-z, z * -1)
local f = 0.5
print(-(f - f))
---
local function nz() local x = 0 return x * -1 end
print(nz(), 1 / nz())
---
-- Power and float results.
print(2 ^ 0.5, 10 ^ 2, 10 ^ -2, (-8) ^ (1/3) ~= (-8) ^ (1/3))
print(0 ^ 0, 2 ^ 62, 2 ^ 64, 3 ^ 40)
print(1e15, 1e16, 123456789012, 0.1 + 0.2, 100 * 1.1)
print(1/3 * 3 == 1, 0.1 + 0.2 == 0.3)
---
-- Arithmetic on non-numbers.
local t = {}
local x = t + 1 -- ### "attempt to perform arithmetic on local 't' \(a table value\)"
---
local s = "abc"
print(s * 2) -- ### "attempt to perform arithmetic on local 's' \(a string value\)"
---
print(-{}) -- ### "attempt to perform arithmetic on a table value"
---
local b = true
print(b ^ 2) -- ### "attempt to perform arithmetic on local 'b' \(a boolean value\)"
---
x = nil
print(1 + x) -- ### "attempt to perform arithmetic on global 'x' \(a nil value\)"
---
local t = {}
print(t.field % 2) -- ### "arithmetic on field 'field' \(a nil value\)"
