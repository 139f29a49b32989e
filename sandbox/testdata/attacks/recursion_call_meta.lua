-- attack: a __call metamethod that calls its table
-- expect: memory
return function(event)
  local t = setmetatable({}, {})
  getmetatable(t).__call = function(self) return self() end
  return t()
end
