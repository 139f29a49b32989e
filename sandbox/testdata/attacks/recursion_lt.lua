-- attack: an __lt metamethod recursion
-- expect: runtime (C stack overflow|stack overflow)
return function(event)
  local mt = {}
  mt.__lt = function(a, b) return a < b end
  return setmetatable({}, mt) < setmetatable({}, mt)
end
