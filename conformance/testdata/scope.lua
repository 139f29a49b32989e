-- Locals, blocks and shadowing.
local x = 1
do
  local x = 2
  print(x)
  do local x = 3 print(x) end
  print(x)
end
print(x)
local x = x + 10
print(x)
local a, b, c = 1, 2
print(a, b, c)
local d, e = (function() return 1, 2, 3 end)()
print(d, e)
local f, g = 1, 2, 3
print(f, g)
---
-- Multiple assignment evaluates all expressions before assigning.
local a, b = 1, 2
a, b = b, a
print(a, b)
local t = {1, 2}
local i = 1
i, t[i] = i + 1, "changed"
print(i, t[1], t[2])
local x, y, z = 0
x, y, z = 1
print(x, y, z)
x, y = 1, 2, print("extra evaluated")
print(x, y)
---
-- Globals and locals with the same name.
g = "global"
local function show() return g end
print(show())
local g = "local"
print(g, show())
g = "local2"
print(_G.g, g)
---
-- Locals are visible in their own initialiser only after the statement.
local v = 10
local v = v * 2
print(v)
local function rec(n) if n == 0 then return 0 end return n + rec(n - 1) end
print(rec(10))
local notrec = function(n) return n end
print(notrec(3))
---
-- Repeat-until sees the body's locals in its condition.
local i = 0
repeat local j = i * 2; i = i + 1 until j >= 6
print(i)
---
-- Up to 200 locals in one function.
local a1, a2, a3, a4, a5, a6, a7, a8, a9, a10 = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
print(a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10)
