-- Runtime error messages of the VM: Lua 5.1's wording, with the variable
-- names ldebug.c recovers from the bytecode.
local exe
print(exe.x) -- ### "attempt to index local 'exe' \(a nil value\)"
---
foo() -- ### "attempt to call global 'foo' \(a nil value\)"
---
local t = {}
print(t.x.y) -- ### "attempt to index field 'x' \(a nil value\)"
---
local t = {x = "a"}
print(t.x + 1) -- ### "attempt to perform arithmetic on field 'x' \(a string value\)"
---
print(1 < nil) -- ### "attempt to compare number with nil"
---
print({} < {}) -- ### "attempt to compare two table values"
---
print("a" <= 1) -- ### "attempt to compare string with number"
---
local x
print("a" .. x) -- ### "attempt to concatenate local 'x' \(a nil value\)"
---
local t = {}
print(t.name .. "!") -- ### "attempt to concatenate field 'name' \(a nil value\)"
---
local u
local function f() return u.x end
f() -- ### "attempt to index upvalue 'u' \(a nil value\)"
---
local u
local function f()
  return u.x -- ### "attempt to index upvalue 'u' \(a nil value\)"
end
f()
---
local t = {}
t:m() -- ### "attempt to call method 'm' \(a nil value\)"
---
print(#nil) -- ### "attempt to get length of a nil value"
---
local n = 5
print(#n) -- ### "attempt to get length of local 'n' \(a number value\)"
---
local t = {}
t[nil] = 1 -- ### "table index is nil"
---
local t = {}
t[0/0] = 1 -- ### "table index is NaN"
---
for i = 1, "x" do end -- ### "'for' limit must be a number"
---
for i = {}, 2 do end -- ### "'for' initial value must be a number"
---
for i = 1, 2, nil do end -- ### "'for' step must be a number"
---
for k, v in 3 do end -- ### "attempt to call a number value"
---
local a = {}
print(-a) -- ### "attempt to perform arithmetic on local 'a' \(a table value\)"
---
local s = "x"
print(s * 2) -- ### "attempt to perform arithmetic on local 's' \(a string value\)"
---
print(("10" + 1) * "2", 10 .. 20, "0x10" + 0, " 3 " * 2)
---
local function f() return f() + 1 end
f() -- ### "stack overflow"
---
local t = setmetatable({}, {__index = function(t, k) return t[k] end})
print(t.x) -- ### "C stack overflow"
---
-- Errors with positions and levels, and non-string error values.
local function f() error("boom", 2) end
local ok, e = pcall(function()
  f()
end)
print(ok, e)
print(pcall(error, "plain", 0))
print(pcall(error))
print(select("#", pcall(error, nil)))
local ok, e = pcall(error, {code = 42})
print(ok, type(e), e.code)
print(pcall(error, 12))
---
error("top") -- ### "top"
---
local ok, e = pcall(function() local x = nil; return x.y end)
print(ok, e)
error(e, 0) -- ### "attempt to index local 'x'"
