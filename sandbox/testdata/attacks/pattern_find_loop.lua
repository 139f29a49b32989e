-- attack: a plain find of a missing needle over a long subject, repeated (work without allocation)
-- expect: instructions
return function(event)
  local s = string.rep("a", 200000)
  local n = 0
  for i = 1, 1e9 do
    if s:find("b", 1, true) then n = n + 1 end
  end
  return n > 0
end
