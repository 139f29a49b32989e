-- table.insert, remove, concat, maxn.
local t = {}
table.insert(t, "a")
table.insert(t, "c")
table.insert(t, 2, "b")
table.insert(t, 1, "z")
print(#t, table.concat(t, ","))
print(table.remove(t), table.remove(t, 1), #t, table.concat(t, ","))
print(table.remove({}), #t)
local e = {}
print(table.remove(e, 1), table.remove(e))
print(table.concat({1, 2, 3}), table.concat({1, 2, 3}, ", "), table.concat({1, 2, 3}, "-", 2), table.concat({1, 2, 3}, "-", 2, 3))
print(table.concat({}), table.concat({}, "x"), table.concat({1, 2}, "", 3), table.concat({"a", 1.5, 2}, " "))
print(table.maxn({}), table.maxn({1, 2, 3}), table.maxn({[10] = 1, [2.5] = 1}), table.maxn({n = 1}))
local h = {1, 2, 3}
table.insert(h, #h + 1, 4)
print(table.concat(h, ""))
---
print(pcall(function() return table.concat({1, {}, 3}) end))
print(pcall(function() return table.concat({1, 2}, ",", 1, 3) end))
print(pcall(function() return table.insert({}, 1, 2, 3) end))
print(pcall(function() return table.insert(nil, 1) end))
print(pcall(function() return table.insert({}) end))
print(pcall(function() return table.remove(nil) end))
print(pcall(function() return table.concat(nil) end))
print(pcall(function() return table.maxn(1) end))
print(pcall(function() return table.concat({}, {}) end))
---
-- table.sort with and without a comparator.
local t = {5, 2, 8, 1, 9, 3, 7, 4, 6, 0}
table.sort(t)
print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
local s = {"pear", "apple", "fig", "banana"}
table.sort(s)
print(table.concat(s, " "))
table.sort(s, function(a, b) return #a < #b end)
print(s[1], s[4])
local recs = {{n = "b", v = 2}, {n = "a", v = 1}, {n = "c", v = 3}}
table.sort(recs, function(x, y) return x.v < y.v end)
print(recs[1].n, recs[2].n, recs[3].n)
local one = {1}
table.sort(one)
table.sort({})
print(one[1])
local big = {}
for i = 1, 200 do big[i] = (i * 7919) % 1000 end
table.sort(big)
local ok = true
for i = 2, 200 do if big[i - 1] > big[i] then ok = false end end
print(ok, big[1], big[200])
local mixed = {3.5, 1, 2.25, -1, 10}
table.sort(mixed)
print(table.concat(mixed, " "))
---
print(pcall(function() table.sort({1, "x", 2}) end))
print(pcall(function() table.sort({{}, {}}) end))
print(pcall(function() table.sort({1, 2, 3}, 42) end))
print(pcall(function() table.sort(nil) end))
print(pcall(function() table.sort({3, 2, 1}, function(a, b) error("cmp failed") end) end))
---
-- An inconsistent comparator is detected.
local ok, msg = pcall(table.sort, {5, 4, 3, 2, 1, 6, 7, 8, 9, 10, 11, 12}, function(a, b) return true end)
print(ok, msg)
---
local t = {3, 1, 2}
table.sort(t, function(a, b) return a < b end)
print(t[1], t[2], t[3])
table.sort({1, nil, 3}) -- ### "attempt to compare"
