-- The math library (results that are exact or printed with %.14g).
print(math.abs(-3), math.abs(3.5), math.abs(-2^63))
print(math.floor(3.5), math.floor(-3.5), math.ceil(3.5), math.ceil(-3.5), math.floor(7), math.ceil(-0.25) == 0)
print(math.max(1, 5, 3), math.max(-1.5, -2), math.min(4, 2, 8), math.min(1.5), math.max(2, 2.5, 2))
print(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(5.5, 2), math.fmod(1, 0) ~= math.fmod(1, 0))
print(math.modf(3.7), math.modf(-3.7), math.modf(5), math.modf(math.huge))
print(math.sqrt(16), math.sqrt(2), math.sqrt(-1) ~= math.sqrt(-1), math.pow(2, 10), math.pow(2, 0.5))
print(math.exp(0), math.exp(1), math.log(1), math.log(math.exp(2)), math.log10(1000), math.log10(2))
print(math.sin(0), math.cos(0), math.tan(0), math.sin(math.pi / 2), math.cos(math.pi))
print(math.asin(1), math.acos(1), math.atan(1), math.atan2(1, 1), math.atan2(-1, -1), math.atan2(0, -1))
print(math.sinh(0), math.cosh(0), math.tanh(0), math.sinh(1), math.cosh(1), math.tanh(1))
print(math.deg(math.pi), math.rad(180), math.pi, math.huge, -math.huge)
print(math.frexp(8), math.frexp(0), math.frexp(-3), math.ldexp(0.5, 4), math.ldexp(1, -1))
print(1 / math.huge, -1 / math.huge == 0)
print(math.max(3, 1/0), math.min(-1/0, 3))
---
-- math.random ranges (values depend on the generator, so only ranges are checked).
for i = 1, 100 do
  local r = math.random()
  assert(r >= 0 and r < 1)
  local n = math.random(10)
  assert(n >= 1 and n <= 10 and n == math.floor(n))
  local m = math.random(-5, 5)
  assert(m >= -5 and m <= 5 and m == math.floor(m))
end
math.randomseed(42)
local a = math.random(1000)
math.randomseed(42)
print(a == math.random(1000))
print(math.random(1, 1), math.random(3, 3))
---
print(pcall(function() return math.random(0) end))
print(pcall(function() return math.random(2, 1) end))
print(pcall(function() return math.random(1, 2, 3) end))
print(pcall(function() return math.floor("x") end))
print(pcall(function() return math.floor() end))
print(pcall(function() return math.max() end))
print(pcall(function() return math.min() end))
print(pcall(function() return math.sqrt(nil) end))
print(pcall(function() return math.abs({}) end))
print(math.floor("3.7"), math.max("10", 9), math.sqrt("4"))
---
-- Number edge values.
print(math.huge == 1/0, -math.huge == -1/0, math.huge + 1 == math.huge)
print(2^1023 * 2, -(2^1023 * 2), 2^-1074, 2^-1075)
print(string.format("%.17g", 0.1), string.format("%.17g", 1/3))
print(8 % 3.5, -8 % 3.5, 2^53 % 2, 5 % 1.5)
---
-- Two-argument functions check their second argument first (5.1 built
-- with gcc evaluates luaL_checknumber(L, 2) before luaL_checknumber(L, 1)).
print(pcall(function() return math.fmod(nil, nil) end))
print(pcall(function() return math.pow(nil, nil) end))
print(pcall(function() return math.atan2(nil, nil) end))
print(pcall(function() return math.ldexp(nil, nil) end))
print(pcall(function() return math.fmod("x", 2) end))
