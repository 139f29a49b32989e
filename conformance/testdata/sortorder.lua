-- table.sort is not stable: the order of elements that compare equal, and
-- the number of comparator calls, are those of 5.1's quicksort (auxsort).
for _, n in ipairs({10, 50, 100, 500}) do
  local a = {}
  local seed = 7
  for i = 1, n do
    seed = (seed * 16807) % 2147483647 -- exact in doubles (< 2^46)
    a[i] = {k = seed % 10, id = i}
  end
  local calls = 0
  table.sort(a, function(x, y) calls = calls + 1 return x.k > y.k end)
  local ids = {}
  for i = 1, math.min(n, 20) do ids[i] = a[i].id end
  print(n, calls, table.concat(ids, " "))
end
---
-- Comparator call counts on distinct keys.
local b = {}
for i = 1, 3000 do b[i] = (i * 7919) % 3001 end
local c = 0
table.sort(b, function(x, y) c = c + 1 return y < x end)
print(c, b[1], b[3000])
local d = {}
for i = 1, 1000 do d[i] = i end
c = 0
table.sort(d, function(x, y) c = c + 1 return x < y end)
print(c)
