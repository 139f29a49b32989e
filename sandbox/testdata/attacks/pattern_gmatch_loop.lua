-- attack: scan a long subject with gmatch over and over
-- expect: instructions
return function(event)
  local s = string.rep("ab", 50000)
  local n = 0
  while true do
    for w in s:gmatch("a") do n = n + 1 end
  end
end
