-- Errors raised inside callbacks (sort comparators, gsub replacement
-- functions, __index tables of gsub, __tostring of print and tostring,
-- __lt of sort), and sort's inconsistent-comparator detection.
local function E(f, ...) print(pcall(f, ...)) end
E(function() table.sort({3, 1, 2}, function(a, b) error("cmp") end) end)
E(function() local ok, e = pcall(table.sort, {3, 1, 2}, function(a, b) error({}) end) return ok, type(e) end)
E(function() table.sort({3, 1, 2}, function(a, b) return a.x < b end) end)
E(function() table.sort({3, 1, {}}) end)
E(function() table.sort({"a", 1}) end)
E(function() table.sort({true, false}) end)
E(function() local t = {5, 3, 8, 1, 9, 2, 7} table.sort(t, function(a, b) return true end) return t[1] end)
E(function() local t = {} for i = 1, 20 do t[i] = (i * 7) % 11 end table.sort(t, function(a, b) return a <= b end) return table.concat(t, ",") end)
E(function() local n = 0 local t = {5, 3, 8, 1, 9, 2, 7, 4, 6} table.sort(t, function(a, b) n = n + 1 return a < b end) return n, table.concat(t, ",") end)
E(function() local mt = {__lt = function(a, b) return a.v < b.v end} local t = {} for i = 1, 5 do t[i] = setmetatable({v = (i * 3) % 5}, mt) end table.sort(t) return t[1].v, t[5].v end)
E(function() local mt = {__lt = function(a, b) error("lt!") end} table.sort({setmetatable({}, mt), setmetatable({}, mt)}) end)
E(function() return string.gsub("abc", "%w", function(c) error("repl " .. c) end) end)
E(function() return string.gsub("abc", "%w", function(c) error("repl", 0) end) end)
E(function() return string.gsub("abc", "%w", function(c) return c:upper(), "ignored" end) end)
E(function() return string.gsub("abc", "%w", setmetatable({}, {__index = function(t, k) return k .. k end})) end)
E(function() return string.gsub("abc", "%w", setmetatable({}, {__index = function(t, k) error("idx " .. k) end})) end)
E(function() return string.gsub("abc", "(%w)(%w)", function(a, b) return b .. a end) end)
E(function() return string.gsub("abc", "()", function(p) return p end) end)
E(function() for k in string.gmatch("ab", "()") do error("in loop " .. k) end end)
E(function() return tostring(setmetatable({}, {__tostring = function() error("ts", 2) end})) end)
E(function() return table.concat({setmetatable({}, {__tostring = function() return "x" end})}) end)
E(function() return ("x"):rep(2, 3) end)
E(function() return ("%s"):format(setmetatable({}, {__tostring = function() return "obj" end})) end)
E(function() return #tostring(12):rep(3) end)
-- print writes each piece as soon as it is converted, as 5.1's fputs
-- does: the pieces before a failing __tostring are already out.
E(function() print("before", 1.5, setmetatable({}, {__tostring = function() error("ts") end}), "after") end)
E(function() print("a\0b", setmetatable({}, {__tostring = function() return {} end})) end)
