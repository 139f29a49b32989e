-- attack: append one byte at a time (quadratic copying, each copy garbage)
-- expect: memory
return function(event)
  local s = ""
  for i = 1, 1e9 do s = s .. "x" end
  return #s > 0
end
