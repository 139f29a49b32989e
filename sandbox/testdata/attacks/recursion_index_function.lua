-- attack: an __index function that indexes itself (Go-level recursion)
-- expect: runtime (C stack overflow|stack overflow)
return function(event)
  local t = setmetatable({}, {})
  getmetatable(t).__index = function(t, k) return t[k] end
  return t.x
end
