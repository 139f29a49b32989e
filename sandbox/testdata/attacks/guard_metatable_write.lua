-- attack: fetch the environment's guard metatable and overwrite its __index
-- expect: runtime attempt to modify a read-only table
return function(event)
  local mt = getmetatable(_G)
  if mt == nil then return false end
  mt.__index = function() return true end
  return true
end
