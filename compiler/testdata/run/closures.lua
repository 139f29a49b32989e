-- Each loop iteration gets fresh locals for closures; upvalues are shared
-- while open and survive their block.
local fns = {}
for i = 1, 3 do
  local j = i * 10
  fns[i] = function() j = j + 1; return i + j end
end
local a, b, c = fns[1](), fns[2](), fns[1]()
local k, got = 0, {}
while k < 3 do
  k = k + 1
  local captured = k
  got[k] = function() return captured end
  if k == 2 then break end
end
local n = 0
repeat
  local r = n
  fns[#fns + 1] = function() return r end
  n = n + 1
until r >= 2
local function counter()
  local c = 0
  return function() c = c + 1; return c end, function() return c end
end
local inc, peek = counter()
inc(); inc()
local function outer(x)
  return function(y) return function(z) return x .. y .. z end end
end
return a, b, c, got[1](), got[2](), #got, fns[4](), fns[6](), peek(), outer("p")("q")("r")
