-- Table constructors: list items, named fields, computed keys, trailing separators.
local t = {1, 2, 3; x = 1, ["y z"] = 2, [10] = 3, [1 + 1] = "two?",}
print(t[1], t[2], t[3], t.x, t["y z"], t[10], #t)
local u = {[1] = "a", [2] = "b", "c"}
print(u[1], u[2])
local function three() return 1, 2, 3 end
local v = {three(), three()}
print(#v, v[1], v[2], v[4])
local w = {three(), (three())}
print(#w)
local e = {}
print(next(e), #e, e[1])
local nested = {a = {b = {c = "deep"}}}
print(nested.a.b.c, nested["a"]["b"]["c"])
local n = {nil, nil, 3}
print(n[3])
---
-- Assignment, keys of every type, nil removes.
local t = {}
t.a = 1; t["b"] = 2; t[1] = "one"; t[true] = "yes"; t[1.5] = "float"
local k = {}
t[k] = "table key"
t[print] = "function key"
print(t.a, t.b, t[1], t[true], t[1.5], t[k], t[print], t[false])
t.a = nil
print(t.a, rawget(t, "a"))
local count = 0
for _ in pairs(t) do count = count + 1 end
print(count)
---
local t = {}
t[nil] = 1 -- ### "table index is nil"
---
local t = {}
local nan = 0/0
t[nan] = 1 -- ### "table index is NaN"
---
print(({})[nil], rawget({}, 1))
local t = {10, 20, 30}
print(t[0], t[-1], t[4], t["1"], t[1])
---
-- Summing over pairs does not depend on the traversal order.
local t = {1, 2, 3, 4, x = 10, y = 20, [2.5] = 100}
local sum, n = 0, 0
for k, v in pairs(t) do sum = sum + v; n = n + 1 end
print(sum, n)
local keys = {}
for k in pairs({a = 1, b = 2, c = 3}) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
---
-- ipairs stops at the first nil.
local t = {1, 2, nil, 4}
local n = 0
for i, v in ipairs(t) do n = n + 1 end
print(n)
for i, v in ipairs({"a", "b", "c"}) do io.write(i, "=", v, " ") end
print()
---
-- The border of a sequence; arrays grow through #t + 1.
local t = {}
for i = 1, 100 do t[#t + 1] = i * i end
print(#t, t[100], t[50])
for i = 100, 51, -1 do t[i] = nil end
print(#t)
local s = {n = 0}
print(#s, select("#", unpack({1, 2, 3})))
---
-- Indexing non-tables.
local x = 5
print(x.y) -- ### "attempt to index local 'x' \(a number value\)"
---
local t = {}
t.a.b = 1 -- ### "attempt to index field 'a' \(a nil value\)"
---
undefinedglobal.x = 1 -- ### "attempt to index global 'undefinedglobal' \(a nil value\)"
---
local s = "abc"
print(type(s.len), s.x) -- strings index the string table
print(("x").y)
---
local b = true
b.x = 1 -- ### "attempt to index local 'b' \(a boolean value\)"
