-- Loops, break, closures capturing loop variables.
local sum = 0
for i = 1, 10 do sum = sum + i end
for i = 10, 1, -2 do if i == 4 then break end sum = sum - i end
for k, v in pairs(t) do sum = sum + v end
for k, v, w in next, t, nil do print(k) end
local i = 0
while i < 10 do i = i + 1; if i == 5 then break end end
while true do
  local j = i
  f(function() return j end)
  if j > 3 then break end
end
repeat i = i - 1 until i <= 0
repeat local r = i; i = i + 1 until r > 3
repeat
  local q = i
  g(function() return q end)
until q > 5
local fs = {}
for n = 1, 3 do fs[n] = function() return n end end
for _, v in ipairs(fs) do local u = v; h(function() return u, v end) end
while a do while b do break end if c then break end end
return sum
