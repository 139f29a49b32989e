-- attack: sort a big array with a comparator (each comparison is charged)
-- expect: instructions
return function(event)
  local t = {}
  for i = 1, 5000 do t[i] = (i * 7919) % 5003 end
  for round = 1, 100 do
    table.sort(t, function(a, b) return a > b end)
    table.sort(t, function(a, b) return a < b end)
  end
  return true
end
