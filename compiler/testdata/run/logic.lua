-- and/or/not in every context: values, conditions, arguments, returns,
-- table fields, with constants, comparisons and calls mixed in.
local function id(...) return ... end
local t, f, n = true, false, nil
local r = {}
r[#r + 1] = t and f or n
r[#r + 1] = n or f or t
r[#r + 1] = not n and not f and t
r[#r + 1] = (1 < 2) == (2 > 1)
r[#r + 1] = not (1 == 1.0) or "yes"
r[#r + 1] = id(n or 5) + id(f and 1 or 2)
r[#r + 1] = (id(1, 2)) == 1 and id(3) ~= 3 or "z"
r[#r + 1] = ({t and 1, f or 2, n and 3 or 4})[3]
local c = 0
for i = 1, 20 do
  if i % 2 == 0 and not (i % 3 == 0) or i == 9 then c = c + i end
  if not (i < 5 or i > 15) then c = c + 100 end
end
r[#r + 1] = c
local s = ""
local k = 0
while not (k >= 5) and (k < 3 or k == 3 or k == 4) do
  s = s .. (k > 2 and "b" or "a")
  k = k + 1
end
r[#r + 1] = s
r[#r + 1] = 2^53 + 1 == 2^53
return r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], #r
