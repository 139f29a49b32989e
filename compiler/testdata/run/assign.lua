-- Multiple assignment: evaluation order, conflicts, adjusting.
local function two() return 1, 2 end
local a, b, c = two()
local d, e = two(), 10
local f, g = (two())
local t, i = {}, 1
t[i], i = i + 100, 2
local u = {1, 2, 3}
local j = 1
j, u[j] = u[j], 99
local p, q = 1, 2
p, q = q, p
local v = {two(), two()}
local w = {two(), (two())}
local function va(...)
  local x, y = ...
  local all = {...}
  return #all, x, y, ...
end
local n1, x1, y1, r1, r2, r3 = va(5, 6, 7)
local big = {}
for k = 1, 120 do big[k] = k end
local copy = {unpack_ = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, two()}
return a, b, c, d, e, f, g, t[1], i, j, u[1], p, q, #v, #w, n1, x1, y1, r1, r3, #copy, copy[53], #big
