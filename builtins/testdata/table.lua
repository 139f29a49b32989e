-- table library
local t = {1, 2, 3}
table.insert(t, 4) table.insert(t, 1, 0) table.insert(t, 3, 1.5)
print(table.concat(t, ","), #t)
print(table.remove(t), table.remove(t, 1), table.concat(t, ","))
print(table.remove({}), table.remove({1}, 5), #t)
print(table.concat({}), table.concat({1, 2, 3}), table.concat({1, 2, 3}, ", ", 2), table.concat({1, 2, 3}, "-", 2, 3), table.concat({"a"}, "x", 3, 2))
print(table.concat({1.5, 2, "x"}, " "))
print(table.maxn({}), table.maxn({1, 2, nil, 4}), table.maxn({[10] = 1, [2.5] = 2}))
local e = {} table.insert(e, 5, "x") print(e[5], #e)
---
local t = {5, 2, 8, 1, 9, 3, 7, 4, 6, 0}
table.sort(t) print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end) print(table.concat(t, " "))
local s = {"banana", "apple", "Cherry", "date"}
table.sort(s) print(table.concat(s, " "))
local calls = {}
local u = {3, 1, 2, 5, 4, 3, 3, 9, 0, 1, 8, 2}
table.sort(u, function(a, b) calls[#calls + 1] = a .. "<" .. b return a < b end)
print(table.concat(u, " "))
print(#calls, table.concat(calls, " "))
local r = {} for i = 1, 100 do r[i] = (i * 37) % 101 end
table.sort(r) local ok = true for i = 2, 100 do ok = ok and r[i - 1] <= r[i] end print(ok, r[1], r[100])
table.sort({}) table.sort({1}) local two = {2, 1} table.sort(two) print(two[1], two[2])
local recs = {{n = 3}, {n = 1}, {n = 2}}
table.sort(recs, function(a, b) return a.n < b.n end) print(recs[1].n, recs[2].n, recs[3].n)
---
table.insert({}, 1, 2, 3) -- ### "wrong number of arguments to 'insert'"
---
table.insert() -- ### "bad argument #1 to 'insert' \(table expected, got no value\)"
---
print(table.concat({1, {}, 3})) -- ### "invalid value \(table\) at index 2 in table for 'concat'"
---
print(table.concat({1, 2}, ",", 1, 3)) -- ### "invalid value \(nil\) at index 3 in table for 'concat'"
---
local t = {} for i = 1, 20 do t[i] = 21 - i end
table.sort(t, function(a, b) return true end) -- ### "invalid order function for sorting"
---
table.sort({1, "x", 2}) -- ### "attempt to compare"
---
table.sort({1, 2}, 3) -- ### "bad argument #2 to 'sort' \(function expected, got number\)"
