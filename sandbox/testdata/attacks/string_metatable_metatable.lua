-- attack: put a metatable on the string metatable itself (__newindex/__index hooks on the shared table)
-- expect: runtime attempt to modify a read-only table
return function(event)
  setmetatable(getmetatable(""), {__index = function() return "pwned" end})
  return true
end
