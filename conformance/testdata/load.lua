-- loadstring and load (conformance profile).
local f = loadstring("return 1 + 1")
print(f())
print(loadstring("return ...")(1, 2))
print(loadstring("syntax error here"))
print(loadstring("x ="))
print(loadstring("return 'unfinished", "=name"))
print(type(loadstring("error('boom')", "@file.lua")))
print(pcall(loadstring("error('boom')", "@file.lua")))
print(pcall(loadstring("error('boom')", "=custom")))
print(pcall(loadstring("error('boom')")))
print(pcall(loadstring("local x = nil; return x.y", "=chunk")))
---
-- Chunk names in messages: [string "..."] is cut at the first line and at 60 characters.
print(loadstring("\n\nx = = 1"))
print(loadstring("x = 1 y"))
print(loadstring("local a = 'a very long first line that goes on and on and on and on' x"))
print(loadstring("first line\nsecond line"))
---
-- load with a reader function.
local parts = {"return ", "4", " * ", "10"}
local i = 0
local g = load(function() i = i + 1 return parts[i] end)
print(g())
print(type(load(function() return nil end)))
print(pcall(load, function() return {} end))
---
-- A loaded chunk is a vararg function with the global environment.
local h = loadstring("local a, b = ... return b, a, select('#', ...)")
print(h("x", "y", "z"))
glob = "visible"
print(loadstring("return glob")())
---
-- dofile is not needed here; string.dump is outside the subset.
print(type(loadstring), type(load))
