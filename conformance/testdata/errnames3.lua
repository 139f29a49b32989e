-- Names through upvalues and nested functions.
local up, upt = nil, {}
local function E(f) print(select(2, pcall(f))) end
E(function() return up.x end)
E(function() return up() end)
E(function() return upt.x.y end)
E(function() return upt:m() end)
E(function() up = up + 1 end)
E(function() return #up end)
E(function() return up .. "" end)
print(pcall((function() return function() return up.z end end)()))
---
-- Errors inside metamethods and library callbacks keep their own position.
local t = setmetatable({}, {__index = function(t, k) return k.field end})
print(pcall(function() return t.x end))
local u = setmetatable({}, {__add = function(a, b) return a.nope.x end})
print(pcall(function() return u + 1 end))
print(pcall(string.gsub, "abc", "%w", function(c) return c.x.y end))
print(pcall(table.sort, {3, 2, 1}, function(a, b) return a.x < b end))
print(pcall(function() return ("x"):rep(2):sub(1):len().x end))
---
-- error() levels from inside nested calls point at the right lines.
local function thrower(level) error("lvl" .. level, level) end
local function middle(level)
  thrower(level) -- level 2 points here
end
local function outer(level)
  middle(level) -- level 3 points here
end
for level = 0, 4 do print(pcall(outer, level)) end
