-- attack: pass 7990 values through ... at every tail call: each call copies them all
-- expect: instructions
-- budget: instructions=30000
-- bug: the run ends past its instruction budget (the countdown is decremented by len/8 units per long vararg move without a check), and a reused thread is charged less memory than a fresh one for unpack (vm/api.go Thread.Push charges stack growth only when th.top reaches len(th.stack))
local t = {string.byte(string.rep("x", 7990), 1, -1)}
local function f(n, ...)
  if n == 0 then return select("#", ...) end
  return f(n - 1, ...)
end
return function(event)
  return f(1e9, unpack(t)) > 0
end
