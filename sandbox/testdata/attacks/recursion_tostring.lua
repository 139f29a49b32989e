-- attack: a __tostring metamethod that calls tostring on itself
-- expect: runtime (C stack overflow|stack overflow)
return function(event)
  local t = setmetatable({}, {})
  getmetatable(t).__tostring = function(x) return tostring(x) end
  return tostring(t) ~= nil
end
