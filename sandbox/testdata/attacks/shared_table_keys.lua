-- attack: use the shared library tables as keys (they share one id) to confuse table lookups
-- expect: result true
return function(event)
  local t = {[string] = 1, [math] = 2, [_G] = 3, [table] = 4, [getmetatable("")] = 5}
  return t[string] == 1 and t[math] == 2 and t[_G] == 3 and t[table] == 4 and t[getmetatable("")] == 5
end
