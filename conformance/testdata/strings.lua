-- string.len, sub, upper, lower, rep, reverse, byte, char.
print(string.len(""), string.len("abc"), ("a\0b"):len())
local s = "hello world"
print(s:sub(1, 5), s:sub(7), s:sub(-5), s:sub(-5, -3), s:sub(0), s:sub(3, 2), s:sub(100), s:sub(-100, 2))
print(s:sub(2, -2), s:sub(5, 5), ("abc"):sub(2.0, 3), s:sub("2", "3"))
print(s:upper(), ("MiXeD 123"):lower(), ("abc"):rep(3), ("ab"):rep(0), ("ab"):rep(-1), ("x"):rep(1))
print(("abc"):reverse(), (""):reverse(), ("a"):reverse())
print(s:byte(), s:byte(1), s:byte(-1), s:byte(1, 3), s:byte(100), s:byte(0))
print(string.char(), string.char(72, 105), string.char(0):len(), string.char(255):byte())
print(string.len(123), string.upper(12), string.rep(1, 3), string.sub(12345, 2, 3))
---
print(pcall(function() return string.rep() end))
print(pcall(function() return string.sub() end))
print(pcall(function() return string.sub("x", "a") end))
print(pcall(function() return string.char(256) end))
print(pcall(function() return string.char(-1) end))
print(pcall(function() return string.char("x") end))
print(pcall(function() return string.byte({}) end))
print(pcall(function() return string.upper() end))
print(pcall(function() return ("x"):rep({}) end))
print(pcall(function() return string.len(nil) end))
print(pcall(string.rep))
---
-- String comparison is byte-wise (C locale).
print("a" < "b", "B" < "a", "abc" < "abcd", "" == "", "\255" > "a", "a\0a" < "a\0b")
local words = {"banana", "Apple", "cherry", "apple", "Banana", "10", "9", ""}
table.sort(words)
print(table.concat(words, ","))
---
-- Escapes in string literals.
print("tab\there", "nl\\n", "quote\"", 'single\'', "bell\97", "\65\066\0677", "a\
b")
print(#"\0\1\2", ("\n"):byte(), ("\r"):byte(), ("\\"):byte(), ("\v\f\a\b"):byte(1, -1))
print([[long
string]], [==[with ]] inside]==], #[[
skips first newline]])
---
-- Long comments.
--[[ a
long comment ]] print("after comment")
--[==[ another
]] still comment ]==] print("after level comment")
---
-- Strings are values: concatenation creates new strings.
local a = "x"
local b = a
a = a .. "y"
print(a, b, a == "xy", b == "x")
local t = {}
for i = 1, 3 do t[i] = ("%d:%s"):format(i, ("*"):rep(i)) end
print(table.concat(t, " "))
print(tostring(12):len(), (12 .. ""):rep(2))
