-- attack: a __tostring recursion reached through string.format("%s")
-- expect: runtime (C stack overflow|stack overflow|bad argument)
return function(event)
  local t = setmetatable({}, {})
  getmetatable(t).__tostring = function(x) return string.format("%s", x) end
  return string.format("%s", t) ~= nil
end
