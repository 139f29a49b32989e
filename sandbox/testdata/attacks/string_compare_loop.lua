-- attack: compare two long equal-prefix strings in a loop (memcmp work without allocation)
-- expect: instructions
-- budget: instructions=20000
return function(event)
  local a = string.rep("a", 150000) .. "b"
  local b = string.rep("a", 150000) .. "c"
  local n = 0
  while true do
    if a == b then n = n + 1 end
    if a < b then n = n + 1 end
  end
end
