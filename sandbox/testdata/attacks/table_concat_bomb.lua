-- attack: table.concat of a list of the same long string
-- expect: memory
return function(event)
  local s = string.rep("x", 1024)
  local t = {}
  for i = 1, 512 do t[i] = s end
  local r = table.concat(t)
  return #table.concat({r, r, r, r}) > 0
end
