-- string.sub/byte/find init and string.rep over index edges.
local s = "hello"
local idx = {-100, -6, -5, -1, 0, 1, 2, 5, 6, 100, 2.5, "3"}
for _, i in ipairs(idx) do
  local row = {}
  for _, j in ipairs(idx) do
    local ok, r = pcall(string.sub, s, i, j)
    row[#row + 1] = ok and ("[" .. r .. "]") or "E"
  end
  print(i, table.concat(row, " "))
end
for _, i in ipairs(idx) do
  print(i, pcall(string.byte, s, i), pcall(string.byte, s, i, i + 1), pcall(string.find, s, "l", i), pcall(string.find, s, "", i))
end
for _, n in ipairs({-1, 0, 1, 2, 3.7, "2"}) do print(n, pcall(string.rep, "ab", n)) end
---
-- table.insert/remove positions (5.1 does not check bounds).
local function show(t, n) local r = {} for i = 1, n do r[i] = tostring(t[i]) end return table.concat(r, ",") end
for _, pos in ipairs({0, 1, 2, 3, 4, 6, -1}) do
  local t = {1, 2, 3}
  local ok, err = pcall(table.insert, t, pos, "x")
  print("insert", pos, ok, err, show(t, 7))
end
for _, pos in ipairs({0, 1, 2, 3, 4, 6, -1}) do
  local t = {1, 2, 3}
  local ok, v = pcall(table.remove, t, pos)
  print("remove", pos, ok, v, show(t, 5), #t)
end
local t = {}
print(table.remove(t), #t, table.remove(t, 0), #t)
local u = {n = 3}
print(table.getn and table.getn({1, 2}) or "no getn", table.maxn({1, nil, 3}), table.maxn({[1.5] = 1, [-1] = 2}))
---
-- table.concat with numbers and ranges.
local c = {1, 2.5, "x", -0.25, 1e15, 2^53}
print(table.concat(c, ";"), table.concat(c, "", 2, 4), table.concat(c, ",", 4, 3), table.concat(c, ",", 6, 6))
print(pcall(table.concat, c, ",", 0, 2))
print(pcall(table.concat, c, ",", 1, 7))
---
-- unpack and select over ranges.
local t = {1, 2, 3}
for _, r in ipairs({{1, 3}, {0, 2}, {2, 5}, {3, 1}, {-1, 1}}) do
  print(r[1], r[2], select("#", unpack(t, r[1], r[2])), unpack(t, r[1], r[2]))
end
for _, n in ipairs({1, 2, 3, 4, -1, -3}) do print(n, pcall(select, n, "a", "b", "c")) end
print(pcall(select, -4, "a", "b", "c"))
