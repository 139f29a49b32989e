-- Numeric for: bounds are evaluated once, the variable is a fresh local.
for i = 1, 3 do io.write(i, ",") end print()
for i = 3, 1 do io.write("never") end print("empty")
for i = 1, 0, -1 do io.write(i, ",") end print()
for i = -3, -1 do io.write(i, ",") end print()
local n = 3
for i = 1, n do n = 10 io.write(i, ",") end print()
for i = 1, 3 do local j = i i = i * 10 io.write(i, ",") end print()
for i = 1, 2, 0.25 do io.write(i, ",") end print()
for i = 1e15, 1e15 + 2 do io.write(i, ",") end print()
---
for i = 1, "x" do end -- ### "'for' limit must be a number"
---
for i = "a", 2 do end -- ### "'for' initial value must be a number"
---
for i = 1, 2, {} do end -- ### "'for' step must be a number"
---
for i = "1", "3", "1" do io.write(i, ",") end print() -- strings convert
---
-- Generic for with pairs/ipairs/next and custom iterators.
local function range(n)
  local i = 0
  return function() i = i + 1 if i <= n then return i end end
end
for i in range(4) do io.write(i, ";") end print()
local function iter(t, i) i = i + 1 if t[i] then return i, t[i] end end
for i, v in iter, {"x", "y"}, 0 do io.write(i, v, ";") end print()
local sum = 0
for k, v in next, {5, 6, 7} do sum = sum + v end
print(sum)
---
for x in 42 do end -- ### "attempt to call a number value"
---
-- while, repeat and break.
local i = 0
while true do i = i + 1 if i >= 5 then break end end
print(i)
local j = 10
repeat j = j - 3 until j < 0
print(j)
local out = {}
for a = 1, 3 do
  for b = 1, 3 do
    if b > a then break end
    out[#out + 1] = a .. b
  end
end
print(table.concat(out, " "))
local k = 0
while k < 3 do k = k + 1 end
print(k)
---
-- A break must be the last statement of its block; do break end works anywhere.
for i = 1, 3 do
  if i == 2 then do break end end
  io.write(i)
end
print()
---
-- return in the middle of a block needs do ... end.
local function f(x)
  do return x * 2 end
end
print(f(21))
