-- Calls, varargs, multiple results, tail calls, closures and upvalues.
local function f(...) return select("#", ...), ... end
print(f(1, nil, 3))
print(f())
print((f(1, 2)))
local t = {f(1, 2)}
print(#t, t[1], t[3])
---
local function g(a, b, ...) local t = {...} return a, b, #t end
print(g(nil, 9, nil, 12))
print(g(1))
---
local function loop(n, acc)
  if n == 0 then return acc end
  return loop(n - 1, acc + 1)
end
print(loop(100000, 0))
---
local function counter()
  local n = 0
  return function() n = n + 1 return n end, function() return n end
end
local inc, get = counter()
inc() inc()
print(get())
---
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())
local gs = {}
for _, v in ipairs({"a", "b"}) do gs[#gs + 1] = function() return v end end
print(gs[1](), gs[2]())
local hs = {}
local j = 0
while j < 3 do j = j + 1 local k = j hs[j] = function() k = k * 10 return k end end
print(hs[1](), hs[1](), hs[3]())
---
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
---
for i = 1, 3 do io.write(i, " ") end
for i = 3, 1, -1 do io.write(i, " ") end
for i = 1, 2, 0.5 do io.write(i, " ") end
for i = 1, 0 do io.write("never") end
print()
---
local function varargs_in_table(...) return {n = select("#", ...), ...} end
local t = varargs_in_table(1, nil, nil)
print(t.n, t[1], t[2], #t >= 0)
---
print(pcall(pcall, error, "x"))
print(select(-1, 1, 2, 3))
print(unpack({1, 2, 3}))
---
local function deep(n) if n == 0 then return 0 end return 1 + deep(n - 1) end
print(deep(10000))
