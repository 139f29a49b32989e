-- Arithmetic metamethods.
local V = {}
V.__index = V
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
V.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
V.__sub = function(a, b) return vec(a.x - b.x, a.y - b.y) end
V.__mul = function(a, b)
  if type(a) == "number" then return vec(a * b.x, a * b.y) end
  if type(b) == "number" then return vec(a.x * b, a.y * b) end
  return a.x * b.x + a.y * b.y
end
V.__div = function(a, b) return vec(a.x / b, a.y / b) end
V.__mod = function(a, b) return vec(a.x % b, a.y % b) end
V.__pow = function(a, b) return vec(a.x ^ b, a.y ^ b) end
V.__unm = function(a) return vec(-a.x, -a.y) end
V.__concat = function(a, b)
  local function s(v) if type(v) == "table" then return "(" .. v.x .. "," .. v.y .. ")" end return tostring(v) end
  return s(a) .. s(b)
end
V.__tostring = function(v) return "vec(" .. v.x .. "," .. v.y .. ")" end
local a, b = vec(1, 2), vec(3, 4)
print(tostring(a + b), tostring(a - b), a * b, tostring(2 * a), tostring(a * 3))
print(tostring(b / 2), tostring(b % 3), tostring(a ^ 2), tostring(-a))
print(a .. b, a .. "!", "!" .. b, 1 .. a)
print("x" .. "y" .. a .. "z")
---
-- The left operand's metamethod wins; otherwise the right one's.
local L = setmetatable({}, {__add = function() return "left" end})
local R = setmetatable({}, {__add = function() return "right" end})
print(L + R, R + L, L + 1, 1 + R, "2" + R)
---
-- Comparison metamethods: __eq only between two tables with the same __eq.
local mt = {}
mt.__eq = function(a, b) return a.v == b.v end
mt.__lt = function(a, b) return a.v < b.v end
mt.__le = function(a, b) return a.v <= b.v end
local function o(v) return setmetatable({v = v}, mt) end
print(o(1) == o(1), o(1) ~= o(2), o(1) < o(2), o(2) <= o(2), o(3) > o(2), o(3) >= o(4))
local other = setmetatable({v = 1}, {__eq = function() return true end})
print(o(1) == other, o(1) == 1)
---
-- __le falls back to not __lt with swapped operands.
local mt = {__lt = function(a, b) return a.v < b.v end}
local x, y = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)
print(x <= y, y <= x, x >= y)
---
local mt = {__lt = function(a, b) return true end}
local x = setmetatable({}, mt)
print(pcall(function() return x < 1 end))
print(pcall(function() return x < setmetatable({}, {__lt = function() return true end}) end))
---
-- Metamethods returning several values are truncated to one; results are booleans for comparisons.
local mt = {__add = function() return 1, 2 end, __lt = function() return "yes" end}
local t = setmetatable({}, mt)
print(t + t, t < t)
---
-- __concat on numbers and strings mixed with tables.
local C = setmetatable({}, {__concat = function(a, b) return "C" end})
print(C .. 1, 1 .. C, C .. C, "a" .. "b" .. C)
---
local t = setmetatable({}, {})
print(t + 1) -- ### "attempt to perform arithmetic on local 't' \(a table value\)"
---
-- __unm and __len on tables.
local t = setmetatable({}, {__unm = function() return "neg" end})
print(-t)
---
-- __index on a missing method gives a method error.
local obj = {}
obj:nomethod() -- ### "attempt to call method 'nomethod' \(a nil value\)"
