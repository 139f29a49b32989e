-- attack: a regex that backtracks catastrophically in PCRE (RE2 runs it in linear time)
-- expect: instructions
-- budget: instructions=50000
return function(event)
  local s = string.rep("a", 30000) .. "!"
  local n = 0
  while true do
    if regex.match("^(a+)+$", s) then n = n + 1 end
  end
end
