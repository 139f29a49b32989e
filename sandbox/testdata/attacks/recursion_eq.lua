-- attack: an __eq metamethod that compares its operands again
-- expect: runtime (C stack overflow|stack overflow)
return function(event)
  local mt = {}
  mt.__eq = function(a, b) return a == b end
  local a, b = setmetatable({}, mt), setmetatable({}, mt)
  return a == b
end
