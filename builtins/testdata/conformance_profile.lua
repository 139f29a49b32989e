-- conformance-profile functions (not in the sandbox)
local f = loadstring("return 1 + 2")
print(f())
print(loadstring("x = "))
print(loadstring("x = ", "=mychunk"))
print(loadstring("x = ", "@file.lua"))
print(loadstring("local a = 1\nx = "))
print(loadstring("return 'a very long chunk of source code that goes past the limit' +"))
local g = loadstring("y = 5")
g() print(y)
print(pcall(loadstring("error('in chunk')")))
local parts = {"return ", "4", "2"}
local i = 0
print(load(function() i = i + 1 return parts[i] end)())
print(pcall(load, function() return {} end))
print(pcall(load, function() error("reader failed") end))
---
-- getfenv / setfenv
local function show() return x end
x = "global"
print(show(), getfenv(show) == _G, getfenv() == _G, getfenv(0) == _G, getfenv(1) == _G)
setfenv(show, {x = "private"})
print(show(), x)
print(getfenv(print) == _G)
local function lvl() setfenv(2, {print = print, tostring = tostring}) end
local function caller() lvl() print(x) end
caller()
print(pcall(setfenv, print, {}))
print(pcall(getfenv, -1))
print(pcall(getfenv, 50))
---
-- 5.0 compatibility names
print(math.mod(7, 3), table.getn({1, 2, 3}), unpack({1, 2}))
for w in string.gfind("a b", "%a") do io.write(w) end print()
print(pcall(table.setn, {}, 1))
print(table.foreachi({10, 20, 30}, function(i, v) io.write(i, "=", v, " ") end))
print(table.foreachi({10, 20, 30}, function(i, v) if v == 20 then return "found", i end end))
print(table.foreach({10, 20}, function(k, v) io.write(k, ":", v, " ") end))
print(table.foreach({a = 1}, function(k, v) return k .. v end))
---
dofile("no such file.lua") -- ### "cannot open no such file.lua"
