-- __index and __newindex as tables and functions, rawget/rawset bypass them.
local base = {greet = function(self) return "hi " .. self.name end, kind = "base"}
local obj = setmetatable({name = "bob"}, {__index = base})
print(obj:greet(), obj.kind, rawget(obj, "kind"))
local log = {}
local proxy = setmetatable({}, {
  __index = function(t, k) log[#log + 1] = "get " .. tostring(k) return k .. "!" end,
  __newindex = function(t, k, v) log[#log + 1] = "set " .. tostring(k) rawset(t, k, v * 2) end,
})
print(proxy.a, proxy.b)
proxy.c = 5
print(proxy.c, rawget(proxy, "c"))
proxy.c = 7 -- existing key: no __newindex
print(proxy.c)
print(table.concat(log, ","))
local store = {}
local redirect = setmetatable({}, {__newindex = store})
redirect.x = 1
print(rawget(redirect, "x"), store.x)
---
-- __index chains.
local a = {x = 1}
local b = setmetatable({y = 2}, {__index = a})
local c = setmetatable({z = 3}, {__index = b})
print(c.x, c.y, c.z, c.w)
---
-- __call.
local callable = setmetatable({}, {__call = function(self, a, b) return "called", a, b end})
print(callable(1, 2))
print(pcall(callable, "x"))
---
-- __tostring and __metatable.
local t = setmetatable({}, {__tostring = function(self) return "<T>" end, __metatable = "locked"})
print(tostring(t), getmetatable(t))
print(pcall(setmetatable, t, {}))
print(getmetatable("abc").__index == string, getmetatable(1), getmetatable(nil))
---
local t = setmetatable({}, {__metatable = false})
setmetatable(t, {}) -- ### "cannot change a protected metatable"
---
print(pcall(function() return setmetatable(1, {}) end))
print(pcall(function() return setmetatable({}, 1) end))
print(pcall(function() return type(setmetatable({})) end))
print(select("#", setmetatable({}, nil)))
---
-- rawequal, rawget, rawset.
local mt = {__eq = function() return true end}
local x, y = setmetatable({}, mt), setmetatable({}, mt)
print(x == y, rawequal(x, y), rawequal(x, x), rawequal(1, 1.0), rawequal("a", "a"))
local r = setmetatable({}, {__index = function() return "meta" end, __newindex = function() error("no") end})
rawset(r, "k", "v")
print(r.k, r.other, rawget(r, "other"))
print(pcall(function() return rawset(1, 2, 3) end))
print(pcall(function() return rawget("s", 1) end))
---
-- __len applies to userdata only in 5.1; tables use the raw length.
local t = setmetatable({1, 2, 3}, {__len = function() return 99 end})
print(#t)
---
-- An __index function can raise an error.
local strict = setmetatable({}, {__index = function(t, k) error("undefined variable " .. k, 2) end})
print(pcall(function() return strict.nothere end))
local ok, msg = pcall(function()
  return strict.missing -- the error is reported at this line (level 2)
end)
print(ok, msg)
---
-- The string metatable makes methods work on string values.
local s = "Hello"
print(s:upper(), s:len(), ("%d"):format(5), s:sub(2, 3), #s:rep(3, ","))
print(("x"):rep(3), ("abc"):byte(1, -1))
