-- attack: a __concat metamethod recursion
-- expect: runtime (C stack overflow|stack overflow)
return function(event)
  local mt = {}
  mt.__concat = function(a, b) return a .. b end
  return (setmetatable({}, mt) .. "x") ~= nil
end
