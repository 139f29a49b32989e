-- Error messages name the variable involved, as ldebug.c does.
print(pcall(function() local x; return x.y end))
print(pcall(function() return undefinedvar.y end))
print(pcall(function() local t = {}; return t.a.b end))
print(pcall(function() local t = {}; return t[1][2] end))
print(pcall(function() local t = {}; local k = "key"; return t[k].z end))
print(pcall(function() local t = {}; t.m() end))
print(pcall(function() local t = {}; t:m() end))
print(pcall(function() nofunction() end))
print(pcall(function() local f; f() end))
print(pcall(function() local t = {}; t[1]() end))
print(pcall(function() (nil)() end))
print(pcall(function() local s = "x"; return s + 1 end))
print(pcall(function() local t = {}; return t.n + 1 end))
print(pcall(function() return glob + 1 end))
print(pcall(function() local a = {}; return -a end))
print(pcall(function() local a = {}; return a .. "x" end))
print(pcall(function() local a = {}; return "x" .. a.b end))
print(pcall(function() return #undefinedlen end))
---
-- Upvalue and method forms.
local up
print(pcall(function() return up.x end))
print(pcall(function() return up() end))
print(pcall(function() return up + 1 end))
local obj = {}
print(pcall(function() return obj:method() end))
print(pcall(function() return obj.field.sub end))
print(pcall(function() return string.nosuch("x") end))
print(pcall(function() return ("x"):nosuch() end))
---
-- Calls of non-functions.
print(pcall(function() local n = 1; n() end))
print(pcall(function() local t = {}; t.x.y() end))
print(pcall(function() return (1)() end))
print(pcall(function() return ({})() end))
print(pcall(function() return ("s")() end))
print(pcall(function() return (true)() end))
---
-- The name comes from the instruction that raised the error.
local a = {b = {}}
print(pcall(function() return a.b.c.d end))
print(pcall(function() a.b.c.d = 1 end))
print(pcall(function() local x = a.b.c + 1 end))
---
-- Errors raised at the top level of a chunk.
local x
x.field = 1 -- ### "attempt to index local 'x' \(a nil value\)"
---
nofunc() -- ### "attempt to call global 'nofunc' \(a nil value\)"
---
local t = {}
t.missing() -- ### "attempt to call field 'missing' \(a nil value\)"
---
local t = {}
t:missing() -- ### "attempt to call method 'missing' \(a nil value\)"
---
local n = nil
print(n < 1) -- ### "attempt to compare nil with number"
---
print({} <= {}) -- ### "attempt to compare two table values"
---
print(1 < "x") -- ### "attempt to compare number with string"
---
local t = {}
print(t.count + 1) -- ### "attempt to perform arithmetic on field 'count' \(a nil value\)"
---
local s = {}
print(#s.items) -- ### "attempt to get length of field 'items' \(a nil value\)"
