-- attack: a long chain of __index tables (lvm.c MAXTAGLOOP)
-- expect: runtime loop in gettable
return function(event)
  local t = {}
  for i = 1, 200 do t = setmetatable({}, {__index = t}) end
  return t.missing == nil
end
