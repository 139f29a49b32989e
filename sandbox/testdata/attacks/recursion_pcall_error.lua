-- attack: nested pcall(error) with a growing error value at each level
-- expect: runtime|memory|instructions
local function f(s)
  local ok, e = pcall(f, s .. s)
  error(e, 0)
end
return function(event)
  f("x")
end
