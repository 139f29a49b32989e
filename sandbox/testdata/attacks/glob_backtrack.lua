-- attack: a glob with many stars over a long subject
-- expect: instructions
return function(event)
  local s = string.rep("a", 10000)
  local p = string.rep("*a", 20) .. "b"
  local n = 0
  while true do
    if string.glob_match(s, p) then n = n + 1 end
  end
end
