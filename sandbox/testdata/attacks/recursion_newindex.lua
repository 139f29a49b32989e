-- attack: an __newindex function that assigns itself
-- expect: runtime (C stack overflow|stack overflow)
return function(event)
  local t = setmetatable({}, {})
  getmetatable(t).__newindex = function(t, k, v) t[k] = v end
  t.x = 1
  return true
end
