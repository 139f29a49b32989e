-- Every Lua 5.1 metamethod, called from the VM.
local mt = {}
mt.__index = function(t, k) return k .. "!" end
mt.__add = function(a, b) return "add" end
mt.__sub = function(a, b) return "sub" end
mt.__mul = function(a, b) return "mul" end
mt.__div = function(a, b) return "div" end
mt.__mod = function(a, b) return "mod" end
mt.__pow = function(a, b) return "pow" end
mt.__unm = function(a) return "unm" end
mt.__concat = function(a, b) return "concat" end
mt.__len = function(a) return 99 end
mt.__call = function(self, x) return x * 2 end
mt.__eq = function(a, b) return true end
mt.__lt = function(a, b) return true end
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(a.foo, a + 1, 1 - a, a * a, a / 2, a % 2, a ^ 2, -a)
print(a .. "x", "x" .. a, 1 .. a, #a, a(21))
print(a == b, a ~= b, a < b, a <= b, a > b, a >= b)
print(a == {}, rawequal(a, b))
---
-- __le falls back to not __lt(b, a).
local mt = {__lt = function(a, b) return a.v < b.v end}
local x, y = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)
print(x <= y, y <= x, x < y)
---
-- __eq needs the same metamethod on both sides.
local x = setmetatable({}, {__eq = function() return true end})
local y = setmetatable({}, {__eq = function() return true end})
print(x == y, x == x)
---
-- __index and __newindex chains of tables and functions.
local base = {greet = function(self) return "hi " .. self.name end}
local obj = setmetatable({name = "bob"}, {__index = base})
print(obj:greet(), obj.missing)
local log = {}
local proxy = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k .. "=" .. tostring(v) end})
proxy.a = 1
proxy.b = 2
print(table.concat(log, ","), rawget(proxy, "a"))
local store = {}
local p2 = setmetatable({}, {__newindex = store, __index = store})
p2.x = 5
print(rawget(p2, "x"), store.x, p2.x)
---
-- A table's own length ignores __len (Lua 5.1).
local t = setmetatable({1, 2, 3}, {__len = function() return 0 end})
print(#t)
---
-- __tostring and __concat with numbers.
local v = setmetatable({}, {__tostring = function() return "V" end, __concat = function(a, b)
  return tostring(a) .. "|" .. tostring(b)
end})
print(tostring(v), v .. 1, 2 .. v)
---
-- Strings index the string library.
local s = "abc"
print(s:upper(), ("x"):rep(3), s:len(), #s)
---
-- The loop limit of __index chains.
local t = {}
setmetatable(t, {__index = t})
print(t.x) -- ### "loop in gettable"
---
local t = {}
setmetatable(t, {__newindex = t})
t.x = 1 -- ### "loop in settable"
---
-- A nil key fails at the assignment even with __newindex: 5.1 sets the
-- key raw (luaH_set) before it looks at the metamethod, which never runs.
local t = setmetatable({}, {__newindex = function(t, k, v) print("never") end})
t[nil] = 1 -- ### "metamethods.lua:%d+: table index is nil"
---
local t = setmetatable({}, {__newindex = function(t, k, v) print("never") end})
t[0/0] = 1 -- ### "table index is NaN"
---
local t = setmetatable({}, {__newindex = {}})
t[nil] = 1 -- ### "table index is nil"
