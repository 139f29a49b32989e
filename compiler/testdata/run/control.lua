-- and/or/not values, comparisons, if chains, numeric and generic for.
local function classify(x)
  if x == nil then return "nil"
  elseif x == false then return "false"
  elseif x < 0 then return "neg"
  elseif not (x >= 10) then return "small"
  else return "big" end
end
local t = {1, nil, false, 0}
local s = ""
for i = 1, 4 do s = s .. (t[i] and "T" or "F") end
local sum = 0
for i = 10, 1, -3 do sum = sum + i end
for x = 0.5, 2, 0.5 do sum = sum + x end
local function iter(limit)
  return function(st, ctl)
    if ctl < limit then return ctl + 1, ctl * ctl end
  end, nil, 0
end
local sq = 0
for i, v in iter(4) do sq = sq + v end
local x, y = nil, 7
local z = x or y and not x
return classify(nil), classify(false), classify(-1), classify(3), classify(12), s, sum, sq, z, 1 < 2, "a" < "b", 2 <= 1, x == nil
