-- attack: replace the string library's guard metatable (to un-forbid string.dump, or hook misses)
-- expect: runtime attempt to modify a read-only table
return function(event)
  setmetatable(string, nil)
  return true
end
