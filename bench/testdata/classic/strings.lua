-- String building: concatenation, table.concat, string.format, sub, rep.
local parts = {}
for i = 1, 3000 do
  parts[#parts + 1] = "item" .. i
end
local joined = table.concat(parts, ",")
local acc = ""
for i = 1, 300 do
  acc = acc .. string.format("%d;", i)
end
local n = 0
for i = 1, #joined, 7 do
  if string.sub(joined, i, i) == "," then n = n + 1 end
end
local up = string.upper(string.rep("ab", 500))
return #joined + #acc + n + #up
