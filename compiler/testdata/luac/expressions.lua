-- Operators, constants, and/or/not, comparisons, concatenation.
local a, b, c = 1, 2.5, "s"
local x = a + b * 3 - (a - b) / 2 % 7 ^ 2
local y = -a, not b, #c
local z = a .. b .. c .. "\n\t\"q\"\0\200"
x = a < b and b <= a or a > b and not (a >= b)
y = a == b, a ~= b, nil == a, a == "s", 1 == a
local t = not not a
local u = (a and b) or c
local v = a and b and c or x or y
local w = f(a) and g(b) or h(c)
if a and b or c then x = 1 elseif not a then x = 2 else x = 3 end
if a == 1 and (b ~= 2 or c < 3) then f() end
if not (a or b) then g() end
local k = 1 + 2 * 3, 10 / 4, 7 % 3, 2 ^ 3, -(-3), 3 - 5
local big = 2 ^ 53, 1e300 * 10, 0.1 + 0.2
g(nil, true, false, a == nil)
local n = nil
local p, q = nil, nil
return x, y, #t
