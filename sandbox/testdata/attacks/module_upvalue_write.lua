-- attack: a module-level local captured and assigned by the predicate (an upvalue shared by every evaluation)
-- expect: load attempt to modify module-level variable 'n'
local n = 0
return function(event)
  n = n + 1
  return n == 1
end
