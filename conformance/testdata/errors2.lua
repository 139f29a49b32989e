-- xpcall handlers, errors in handlers, and errors crossing library calls.
print(xpcall(function() error("a") end, function(m) error("in handler") end))
print(xpcall(function() error("a") end, function(m) return m, "extra" end))
print(xpcall(function() return "no error", 2 end, error))
print(pcall(xpcall, function() error({}) end, function(e) return type(e) end))
print(select("#", xpcall(function() error() end, function(e) return e end)))
local depth = 0
print(xpcall(function() local t = nil; return t.x end, function(m) depth = depth + 1 return "caught " .. depth end))
---
-- error with levels pointing into library functions gives no position.
print(pcall(function() error("lvl2", 2) end))
print(pcall(function() local function f() error("from f", 2) end f() end))
print(pcall(string.gsub, "x", "x", function() error("in gsub cb", 2) end))
print(pcall(string.gsub, "x", "x", function() error("in gsub cb lvl1") end))
print(pcall(table.sort, {1, 2, 3}, function() error("in sort cb", 2) end))
---
-- Errors rethrown keep their message; positions are added once.
local ok, e = pcall(function() error("orig") end)
local ok2, e2 = pcall(function() error(e) end)
local ok3, e3 = pcall(function() error(e2, 0) end)
print(e, e2, e3)
---
-- tostring/concatenation of error values.
local ok, e = pcall(error, 12.5)
print(type(e), e)
ok, e = pcall(function() error(12.5) end)
print(type(e), e)
ok, e = pcall(function() error(true) end)
print(type(e), e)
---
-- pcall returns everything, even many values and nils.
print(pcall(function() return nil, nil, 3 end))
print(select("#", pcall(function() return nil, nil end)))
print(pcall(function(...) return select("#", ...) end, nil, nil, nil))
---
-- An error value that is a table with __tostring, uncaught.
error(setmetatable({}, {__tostring = function() return "custom" end})) -- ### "error object is a table value"
