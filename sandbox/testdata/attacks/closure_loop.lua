-- attack: allocate closures in a loop
-- expect: memory
return function(event)
  local fs = {}
  for i = 1, 1e9 do fs[i] = function() return i end end
  return true
end
