-- attack: give strings a new metatable (Lua allows it only through debug.setmetatable)
-- expect: runtime bad argument #1 to 'setmetatable' \(table expected, got string\)
return function(event)
  setmetatable("", {__index = {}})
  return true
end
