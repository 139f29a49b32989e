-- Numeric for and while loops with arithmetic and branches.
local s = 0
for i = 1, 200000 do
  if i % 3 == 0 then s = s + i else s = s - 1 end
end
local j, t = 0, 0
while j < 100000 do
  j = j + 1
  t = t + j * 2
end
local r = 0
repeat r = r + 1 until r >= 50000
return s + t + r
