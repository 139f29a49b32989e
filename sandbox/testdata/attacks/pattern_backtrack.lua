-- attack: exponential backtracking with a pattern of many a* and no match
-- expect: instructions
return function(event)
  local s = string.rep("a", 30)
  return string.find(s, string.rep("a*", 30) .. "b") ~= nil
end
