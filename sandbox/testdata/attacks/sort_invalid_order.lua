-- attack: an inconsistent comparator (would run past the array bounds in a naive quicksort)
-- expect: runtime invalid order function for sorting
return function(event)
  local t = {}
  for i = 1, 100 do t[i] = i % 7 end
  table.sort(t, function(a, b) return true end)
  return true
end
