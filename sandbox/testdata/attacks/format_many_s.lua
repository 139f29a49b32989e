-- attack: format a long string many times in one call
-- expect: memory
return function(event)
  local s = string.rep("x", 100000)
  local f = string.rep("%s", 64)
  local args = {}
  for i = 1, 64 do args[i] = s end
  return #string.format(f, unpack(args)) > 0
end
