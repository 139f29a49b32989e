-- attack: a sort comparator that sorts again (Go-level recursion)
-- expect: runtime (C stack overflow|stack overflow)
local function cmp(a, b)
  table.sort({3, 2, 1}, cmp)
  return a < b
end
return function(event)
  table.sort({3, 2, 1}, cmp)
  return true
end
