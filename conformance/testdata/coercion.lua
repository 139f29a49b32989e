-- Strings convert to numbers in arithmetic, numbers to strings in concatenation.
print("10" + 1, "3" * "4", "2" ^ "3", "10" / "4", "7" % "4", -"2")
print(" 10 " + 0, "0x10" + 0, "1e2" + 0, "  .5" + 0, "5." + 0, "\t\n12\n" + 0)
print(1 .. "", 1.5 .. "|", -0.25 .. "", 1e100 .. "", 10 .. 20)
print("1" == 1, "1" < "2", 1 < 2)
print(10 .. "" == "10", 2^53 .. "")
---
print("abc" + 1) -- ### "attempt to perform arithmetic on a string value"
---
local s = "1x"
print(s + 1) -- ### "attempt to perform arithmetic on local 's' \(a string value\)"
---
print("0x" + 1) -- ### "attempt to perform arithmetic on a string value"
---
print("" + 1) -- ### "arithmetic on a string value"
---
print(1 .. {}) -- ### "attempt to concatenate a table value"
---
local t = {}
print("x" .. t.y) -- ### "attempt to concatenate field 'y' \(a nil value\)"
---
local b = false
print(b .. "x") -- ### "attempt to concatenate local 'b' \(a boolean value\)"
---
print(tonumber("10"), tonumber("  12  "), tonumber("0x1F"), tonumber("1e3"), tonumber(".5e1"))
print(tonumber(""), tonumber(" "), tonumber("1 2"), tonumber("1e"), tonumber("0x"), tonumber("abc"))
print(tonumber(nil), tonumber(true), tonumber({}) == nil, tonumber(42), tonumber(-1.5))
print(tonumber("10", 2), tonumber("ff", 16), tonumber("FF", 16), tonumber("zz", 36), tonumber("777", 8))
print(tonumber("8", 8), tonumber("1.5", 10), tonumber(" 11 ", 2), tonumber("", 10))
print(tonumber("7fffffff", 16), tonumber("10", 36), tonumber("Z", 36))
print(pcall(function() return tonumber("10", 1) end))
print(pcall(function() return tonumber("10", 37) end))
print(pcall(tonumber))
---
print(tostring(nil), tostring(true), tostring(false), tostring(12), tostring("x"), tostring(-1.25))
print(type(tostring({})), tostring({}):sub(1, 7), tostring(print):sub(1, 9))
print(pcall(tostring))
local t = setmetatable({}, {__tostring = function() return "custom!" end})
print(tostring(t), t)
local u = setmetatable({}, {__tostring = function() return 42 end})
print(pcall(function() return tostring(u) end))
