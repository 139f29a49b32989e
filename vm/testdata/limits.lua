-- Nesting limits: Go-level calls (metamethods, tostring, sort comparators,
-- gsub callbacks, pcall) stop at "C stack overflow" (LUAI_MAXCCALLS), Lua
-- calls at "stack overflow" (LUAI_MAXCALLS), as in lua5.1.
local t = setmetatable({}, {__tostring = function(t) return tostring(t) end})
print(pcall(tostring, t))
local function cmp(a, b) table.sort({3, 2, 1}, cmp) return a < b end
print(pcall(table.sort, {3, 2, 1}, cmp))
local function f(s) return (s:gsub(".", f)) end
print(pcall(f, "ab"))
local mt = {} mt.__eq = function(a, b) return a == b end
local x, y = setmetatable({}, mt), setmetatable({}, mt)
print(pcall(function() return x == y end))
local c = setmetatable({}, {__concat = function(a, b) return a .. b end})
print(pcall(function() return c .. "x" end))
local l = setmetatable({}, {__lt = function(a, b) return a < b end})
print(pcall(function() return l < l end))
local n = setmetatable({}, {__newindex = function(t, k, v) t[k] = v end})
print(pcall(function() n.x = 1 end))
local cl = setmetatable({}, {__call = function(self) local r = self() return r end})
print(pcall(cl))
