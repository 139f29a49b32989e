-- attack: grow a table's hash part without bound
-- expect: memory
return function(event)
  local t = {}
  for i = 1, 1e9 do t["k" .. i] = true end
  return true
end
