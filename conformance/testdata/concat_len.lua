-- Concatenation and the length operator.
print("a" .. "b" .. "c", "x" .. 1 .. 2, 1 .. 2 .. 3)
local parts = {}
for i = 1, 10 do parts[#parts + 1] = i end
print(#parts, table.concat(parts, ","))
print(#"", #"abc", #"a\0b", #("x"):rep(100))
local t = {1, 2, 3, nil}
print(#t)
t = {n = 1}
print(#t)
t = {}
t[1] = 1 t[2] = 2 t[3] = 3
print(#t)
t[#t] = nil
print(#t)
local s = ""
for i = 1, 5 do s = s .. i .. (i < 5 and "-" or "") end
print(s, #s)
print(("ab"):rep(3) .. "!" .. ("x"):upper())
---
print(#nil) -- ### "attempt to get length of a nil value"
---
local n = 5
print(#n) -- ### "attempt to get length of local 'n' \(a number value\)"
---
local t = {}
print(#t.x) -- ### "attempt to get length of field 'x' \(a nil value\)"
---
g = 1
print(#g) -- ### "attempt to get length of global 'g' \(a number value\)"
---
local a = "x" .. nil -- ### "attempt to concatenate a nil value"
