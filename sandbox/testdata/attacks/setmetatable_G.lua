-- attack: remove the guard metatable from the frozen environment, or hook global reads for later evaluations
-- expect: runtime attempt to modify a read-only table
return function(event)
  setmetatable(_G, {__index = function(t, k) return k end})
  return true
end
