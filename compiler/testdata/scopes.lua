-- Scopes: fresh locals per iteration, CLOSE at block ends and breaks,
-- repeat-until conditions that see the body's locals.
local fns = {}
for i = 1, 3 do
  local j = i * 2
  fns[#fns + 1] = function() return i + j end
  if j > 4 then break end
end
local k = 0
repeat
  local captured = k
  fns[#fns + 1] = function() return captured end
  k = k + 1
until captured >= 2
do
  local a = nil
  g = function() return a end
end
return fns
