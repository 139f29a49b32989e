-- attack: an infinite tail call (constant stack: only the instruction budget stops it)
-- expect: instructions
local function f(n) return f(n + 1) end
return function(event)
  return f(1)
end
