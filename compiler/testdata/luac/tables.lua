-- Constructors: size hints, SETLIST batches, multiple results.
local e = {}
local a = {1, 2, 3}
local h = {x = 1, y = "two", [3] = 4, ["k"] = v}
local m = {1, x = 2, 3; y = 4, f()}
local va = {...}
local n = {f(), g()}
local p = {(f())}
local big = {1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,f()}
local nested = {{1}, {a = {b = {}}}, function() end}
return #a, a[1], h.x, h[e], m[1 + 1]
