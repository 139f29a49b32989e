-- Library functions use raw access (5.1): ipairs, unpack, concat, insert, #, no __pairs.
local proxy = setmetatable({}, {__index = function(t, i) if i <= 3 then return i * 10 end end, __newindex = function(t, k, v) rawset(t, k, v .. "!") end, __len = function() return 3 end, __pairs = function() error("no __pairs in 5.1") end})
local n = 0 for i, v in ipairs(proxy) do n = n + 1 end
print(n, #proxy, select("#", unpack(proxy)), pcall(table.concat, proxy))
for k, v in pairs(proxy) do print("pair", k, v) end
table.insert(proxy, "x")
print(rawget(proxy, 1), proxy[1])
print(pcall(rawequal, 1))
print(pcall(rawlen))
print(pcall(next, {}, 1))
local t = {1, 2, 3}
for k in pairs(t) do t[k] = nil end
print(next(t))
print(table.maxn(proxy), pcall(table.sort, proxy))
print(string.format("%s|%s", 1, 2.5), tostring(print == print))
print(type(_VERSION), _VERSION)
