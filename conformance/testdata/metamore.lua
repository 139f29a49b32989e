-- print uses tostring, which uses __tostring.
local t = setmetatable({}, {__tostring = function() return "T" end})
print(t, tostring(t), type(tostring(t)))
---
local t = setmetatable({}, {__tostring = function() return {} end})
print(pcall(print, t))
print(type(tostring(t)))
---
-- __index is looked up raw in the metatable; __index on a non-table.
local mt = setmetatable({}, {__index = function() return function() return "meta of meta" end end})
local t = setmetatable({}, mt)
print(rawget(mt, "__index"), t.anything)
---
-- __newindex does not fire for existing keys, fires after a key is removed.
local n = 0
local t = setmetatable({a = 1}, {__newindex = function(t, k, v) n = n + 1 rawset(t, k, v) end})
t.a = 2
t.b = 3
t.a = nil
t.a = 4
print(n, t.a, t.b)
---
-- __eq is not called for primitive comparisons or identical tables.
local calls = 0
local mt = {__eq = function(a, b) calls = calls + 1 return false end}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(a == a, a == b, a == 1, a ~= b, calls)
---
-- __lt and __le between different types are not called.
local mt = {__lt = function() return true end, __le = function() return true end}
local a = setmetatable({}, mt)
print(pcall(function() return a < "x" end))
print(pcall(function() return 1 <= a end))
---
-- __concat receives the operands in order; numbers stay numbers.
local mt = {__concat = function(a, b)
  local function s(v) return type(v) == "table" and "T" or type(v) .. ":" .. tostring(v) end
  return s(a) .. "|" .. s(b)
end}
local t = setmetatable({}, mt)
print(t .. 1, 1 .. t, "s" .. t, t .. t)
print(1 .. 2 .. t)
---
-- getmetatable returns __metatable when present.
local t = setmetatable({}, {__metatable = {fake = true}})
print(getmetatable(t).fake)
print(getmetatable("x").__metatable, type(getmetatable("x").__index))
---
-- Arithmetic metamethods receive the original operands (strings included).
local mt = {__add = function(a, b) return type(a) .. "+" .. type(b) end, __sub = function(a, b) return "sub" end}
local t = setmetatable({}, mt)
print(t + "10", "10" + t, t - nil, nil - t)
print(pcall(function() return "x" + {} end))
---
-- __unm, __mod, __pow, __div fall back to errors when missing.
local t = setmetatable({}, {})
print(pcall(function() return -t end))
print(pcall(function() return t % 2 end))
print(pcall(function() return 2 ^ t end))
print(pcall(function() return t / t end))
