-- attack: grow a table without bound
-- expect: memory
return function(event)
  local t = {}
  for i = 1, 1e9 do t[i] = i end
  return #t > 0
end
