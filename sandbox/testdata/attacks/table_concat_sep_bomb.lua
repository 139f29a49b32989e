-- attack: table.concat with a huge separator
-- expect: memory
return function(event)
  local t = {}
  for i = 1, 1000 do t[i] = "" end
  return #table.concat(t, string.rep("-", 4096)) > 0
end
