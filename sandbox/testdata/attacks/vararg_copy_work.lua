-- attack: pass 7990 values through ... at every tail call: each call copies them all
-- expect: instructions
-- budget: instructions=30000
local t = {string.byte(string.rep("x", 7990), 1, -1)}
local function f(n, ...)
  if n == 0 then return select("#", ...) end
  return f(n - 1, ...)
end
return function(event)
  return f(1e9, unpack(t)) > 0
end
