-- attack: unbounded Lua recursion (not a tail call)
-- expect: memory
local function f(n) return 1 + f(n + 1) end
return function(event)
  return f(1) > 0
end
