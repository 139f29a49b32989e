-- base library
print(type(nil), type(true), type(1), type("s"), type({}), type(print), type(type))
print(tostring(nil), tostring(false), tostring(12), tostring(1.5), tostring("x"), tostring(1e100), tostring(-0.0))
print(tonumber("10"), tonumber("0x1F"), tonumber("  12  "), tonumber("1e2"), tonumber("abc"), tonumber(nil), tonumber(""))
print(tonumber("ff", 16), tonumber("777", 8), tonumber("zz", 36), tonumber("102", 2), tonumber(" 11 ", 2), tonumber("-10", 10))
print(tonumber("8", 8), tonumber("", 16), tonumber("0x", 16), tonumber("1 1", 10))
print(select("#"), select("#", 1, nil, 3), select(2, "a", "b", "c"), select(-1, "a", "b", "c"))
print(rawequal(1, 1.0), rawequal("a", "a"), rawequal({}, {}), rawget({10}, 1))
print(unpack({1, 2, 3}), unpack({1, 2, 3}, 2), unpack({1, 2, 3}, 2, 3), unpack({}, 1, 0))
print(pcall(error, "msg"), pcall(error, "msg", 0), pcall(error), type(select(2, pcall(error, {}))))
print(pcall(function() error("lvl1") end))
print(pcall(function() error("lvl2", 2) end))
print(select('#', pcall(error)))
print(xpcall(function() error("x") end, function(m) return "handled: " .. m end))
print(xpcall(function() return 1, 2 end, print))
print(assert(1, 2, 3))
print(pcall(assert, false), pcall(assert, nil, "custom"), pcall(assert, false, 42))
---
local t = setmetatable({}, {__index = function(t, k) return k .. "!" end})
print(t.x, rawget(t, "x"), getmetatable(t).__index ~= nil)
local p = setmetatable({}, {__metatable = "locked"})
print(getmetatable(p), getmetatable("abc").__index == string)
print(pcall(setmetatable, p, {}))
local s = setmetatable({}, {__tostring = function() return "I am s" end})
print(tostring(s), s)
print(next({}), next({10}), type(next))
local keys = {}
for k, v in pairs({10, 20, 30}) do keys[#keys + 1] = k .. "=" .. v end
print(table.concat(keys, ","))
for i, v in ipairs({1, 2, nil, 4}) do io.write(i, ":", v, " ") end print()
print(rawset({}, "k", "v").k)
print(_G._G == _G, _VERSION, _G.print == print)
print("print stops at a NUL: a\0b", #"a\0b")
io.write("but io.write does not: a\0b\n")
---
setmetatable(1, {}) -- ### "bad argument #1 to 'setmetatable' \(table expected, got number\)"
---
setmetatable({}, 1) -- ### "bad argument #2 to 'setmetatable' \(nil or table expected\)"
---
local p = setmetatable({}, {__metatable = false})
setmetatable(p, nil) -- ### "cannot change a protected metatable"
---
print(tonumber("1", 99)) -- ### "bad argument #2 to 'tonumber' \(base out of range\)"
---
print(tonumber()) -- ### "bad argument #1 to 'tonumber' \(value expected\)"
---
print(select(0, 1)) -- ### "bad argument #1 to 'select' \(index out of range\)"
---
print(ipairs()) -- ### "bad argument #1 to 'ipairs' \(table expected, got no value\)"
---
print(next({}, "nokey")) -- ### "invalid key to 'next'"
---
print(rawset({}, nil, 1)) -- ### "table index is nil"
---
assert(false) -- ### "assertion failed!"
---
assert(nil, "my message") -- ### "my message"
---
error("boom") -- ### "boom"
---
local function f() error("deep", 2) end
f() -- ### "deep"
---
print(unpack({}, 1, 1e7)) -- ### "too many results to unpack"
---
print(tostring()) -- ### "bad argument #1 to 'tostring' \(value expected\)"
---
local t = setmetatable({}, {__tostring = function() return {} end})
print(t) -- ### "'tostring' must return a string to 'print'"
---
-- Recursion through builtins that call back into Lua ends in 5.1's error.
local function f(s) return (s:gsub(".", f)) end
print(pcall(f, "abc"))
local function c(a, b) table.sort({2, 1}, c) return a < b end
print(pcall(table.sort, {3, 2, 1}, c))
local mt = {} mt.__tostring = function(x) return tostring(x) end
print(pcall(tostring, setmetatable({}, mt)))
