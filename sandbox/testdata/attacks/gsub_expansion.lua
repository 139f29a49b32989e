-- attack: gsub that multiplies the subject's size
-- expect: memory
return function(event)
  local s = string.rep("x", 10000)
  s = s:gsub("x", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
  s = s:gsub("x", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
  return #s > 0
end
