-- Comparison of numbers, strings and mixed types.
print(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, 1 > 0, 1 == 1, 1 ~= 1)
print(1 == 1.0, -0 == 0, 1 < 1.5, 2^53 == 2^53 + 1, math.huge > 1e308)
print("a" < "b", "abc" < "abd", "" < "a", "Z" < "a", "a" < "aa", "10" < "9")
print("a\0b" < "a\0c", "a\0" > "a", "abc" == "abc", "abc" ~= "ABC")
print(nil == false, 0 == false, "" == false, {} == {}, print == print)
local t = {}
print(t == t, t ~= {}, "1" == 1, 1 == "1")
print(not nil, not false, not 0, not "")
---
print(pcall(function() return 1 < "2" end))
print(pcall(function() return "1" <= 2 end))
print(pcall(function() return {} < {} end))
print(pcall(function() return nil < 1 end))
print(pcall(function() return 1 < nil end))
print(pcall(function() return true > false end))
print(pcall(function() return {} >= 1 end))
print(pcall(function() return print < print end))
print(pcall(function() local a, b = 1, {} return a > b end))
---
local x
if x < 1 then end -- ### "attempt to compare nil with number"
---
local a, b = 1, "x"
print(a <= b) -- ### "attempt to compare number with string"
---
local t = {}
print(t < t) -- ### "attempt to compare two table values"
---
-- and/or return one of their operands, short-circuit.
print(1 and 2, nil and 2, false and nil, 1 or 2, nil or 2, false or nil, nil or false)
print(1 and nil or 3, nil and 1 or 3, false or false and 1)
local calls = 0
local function f(v) calls = calls + 1 return v end
local r = f(false) and f(1)
local s = f(1) or f(2)
print(r, s, calls)
print(1 == 1 and "yes" or "no", 1 == 2 and "yes" or "no")
