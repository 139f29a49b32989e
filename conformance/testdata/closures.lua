-- Closures capture variables, not values.
local function counter()
  local n = 0
  return function() n = n + 1 return n end
end
local c1, c2 = counter(), counter()
print(c1(), c1(), c1(), c2())
local x = 1
local function get() return x end
local function set(v) x = v end
set(42)
print(get(), x)
---
-- Each iteration of a loop has a fresh local.
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())
local gs = {}
for k, v in ipairs({"a", "b", "c"}) do gs[k] = function() return k .. v end end
print(gs[1](), gs[2](), gs[3]())
local hs = {}
local j = 0
while j < 3 do
  j = j + 1
  local jj = j
  hs[j] = function() jj = jj + 10 return jj end
end
print(hs[1](), hs[1](), hs[2](), hs[3]())
local rs = {}
local r = 0
repeat
  local rr = r
  rs[#rs + 1] = function() return rr end
  r = r + 1
until r == 3
print(rs[1](), rs[2](), rs[3]())
---
-- Shared upvalues between sibling closures, and nested upvalues.
local function pair()
  local v = 0
  return function() v = v + 1 return v end, function() return v end
end
local inc, peek = pair()
inc() inc()
print(peek())
local function outer()
  local a = 1
  return function()
    local b = 2
    return function() a = a + 1 b = b + 1 return a + b end
  end
end
local mid = outer()
local f1, f2 = mid(), mid()
print(f1(), f1(), f2())
---
-- Closures in a loop with break keep the right value.
local saved
for i = 1, 10 do
  local v = i * i
  if i == 4 then saved = function() return v end break end
end
print(saved())
---
-- Recursive local functions and mutual recursion through upvalues.
local isodd
local function iseven(n) if n == 0 then return true end return isodd(n - 1) end
function isodd(n) if n == 0 then return false end return iseven(n - 1) end
print(iseven(10), isodd(7), iseven(3))
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(20))
---
-- Upvalue errors name the upvalue.
local u
local function f() return u.x end -- ### "attempt to index upvalue 'u' \(a nil value\)"
f()
---
local u = {}
local function f() return u.x.y end
print(pcall(f))
local n = 1
local function g() return n() end
print(pcall(g))
