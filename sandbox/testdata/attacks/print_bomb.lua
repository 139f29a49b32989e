-- attack: print long lines in a loop (rules' output is discarded, but print still formats each line)
-- expect: instructions
return function(event)
  local s = string.rep("x", 100000)
  while true do print(s, s, s, s, s, s, s, s) end
end
