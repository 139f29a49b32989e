-- type, select, next, ipairs, pairs, rawlen-free base functions.
print(type(nil), type(true), type(1), type(1.5), type("s"), type({}), type(print), type(function() end))
print(pcall(type))
print(type(type), type(string), type(_G), _G._G == _G, _G.print == print)
local t = {10, 20}
print(next(t), next(t, 1), next(t, 2), next({}))
print(pcall(next, t, "nokey"))
print(pcall(function() return next() end))
local f, s, v = ipairs(t)
print(type(f), s == t, v)
local f2, s2, v2 = pairs(t)
print(type(f2), s2 == t, v2)
print(pcall(function() return ipairs() end))
print(pcall(function() return pairs(nil) end))
---
-- print uses tostring and separates with tabs.
print()
print(nil)
print(1, nil, 3)
print("a", "b")
print(1.5, -0.5, true, false)
local t = setmetatable({}, {__tostring = function() return "TT" end})
print(t, t)
---
-- Globals live in _G.
newglobal = 5
print(_G.newglobal, _G["newglobal"], rawget(_G, "newglobal"))
_G.other = 6
print(other)
local name = "dyn" .. "amic"
_G[name] = "made"
print(dynamic)
---
-- unpack and select edge cases.
print(select("#"), select("#", nil, nil), select(2, 1, 2, 3), select("2", "a", "b"))
print(unpack({1, 2, 3}, -1, 1))
print(pcall(function() return unpack({}, 1, 1e8) end))
---
-- getmetatable/setmetatable return values.
local t = {}
local mt = {}
print(setmetatable(t, mt) == t, getmetatable(t) == mt, getmetatable({}))
print(setmetatable(t, nil) == t, getmetatable(t))
---
-- tostring of integral floats and integers is the same.
print(tostring(3) == tostring(3.0), tostring(-0.0), 7 / 7, 2^2)
