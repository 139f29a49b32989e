-- attack: pass thousands of values through ... repeatedly
-- expect: instructions|memory
local function count(...) return select("#", ...) end
return function(event)
  local t = {}
  for i = 1, 7000 do t[i] = i end
  local n = 0
  while true do n = n + count(unpack(t)) end
end
