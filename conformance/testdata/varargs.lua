-- Varargs, select and unpack.
local function count(...) return select("#", ...) end
print(count(), count(nil), count(1, nil), count(nil, nil, nil))
local function pass(...) return ... end
print(pass(1, 2, 3))
print((pass(1, 2, 3)))
print(pass(1, nil, 3))
local function first(...) local a = ... return a end
print(first(9, 8, 7))
local function tbl(...) local t = {...} return #t, t[1], t[3] end
print(tbl(1, 2, 3))
print(select(2, "a", "b", "c"), select(-1, "a", "b", "c"))
print(select(3, "a", "b"))
print(pcall(select, 0, "a"))
print(pcall(function() return select(-5, "a") end))
print(pcall(function() return select("x") end))
---
print(unpack({1, 2, 3}))
print(unpack({1, 2, 3}, 2))
print(unpack({1, 2, 3}, 2, 3))
print(unpack({1, 2, 3}, 3, 2))
print(unpack({1, nil, 3}, 1, 3))
print(unpack({}, 1, 2))
print(select("#", unpack({n = 5}, 1, 5)))
---
-- Varargs adjust in the middle and at the end of lists.
local function three() return 1, 2, 3 end
print(three(), three())
print(three(), 10)
print(({three(), three()})[6] == nil, #{three(), three()})
local a, b, c, d = three()
print(a, b, c, d)
local function f(a, b, ...) return a, b, select("#", ...) end
print(f(1))
print(f(1, 2, 3, 4))
print(math.max(three()), string.format("%d-%d-%d", three()))
---
-- ... in the main chunk is the (empty) script arguments.
print(select("#", ...) >= 0)
---
-- Vararg functions forward their arguments.
local function wrap(f, ...) return f(...) end
print(wrap(math.max, 3, 9, 4), wrap(string.rep, "ab", 3))
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...)) end
  return s
end
print(sum(), sum(1), sum(1, 2, 3, 4, 5))
local function tail(...) return select("#", ...), ... end
print(tail(nil, nil))
