-- attack: coerce a long numeric string to a number in a loop (scanning without allocating)
-- expect: instructions
-- budget: instructions=20000
return function(event)
  local s = string.rep(" ", 300000) .. "1"
  local n = 0
  while true do n = n + tonumber(s) end
end
