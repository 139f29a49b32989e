-- tostring, print and io.write edge cases, and the conformance profile's
-- functions (loadstring, load, getfenv, setfenv, table.getn/setn/foreach,
-- math.mod, string.gfind) checked as lbaselib.c, ltablib.c, liolib.c do.
local function E(f, ...) print(pcall(f, ...)) end
local nz = 1 / -math.huge
E(function() return tostring() end)
E(function() return tostring(nil), tostring(true), tostring(false) end)
E(function() return tostring(1/0), tostring(-1/0), tostring(0/0), tostring(-(0/0)) end)
E(function() return tostring(nz), tostring(0.1), tostring(1/3), tostring(-1.5e-7), tostring(123456.789e3) end)
E(function() return tostring(1e15), tostring(1e16), tostring(2^53), tostring(2^63), tostring(-2^63) end)
E(function() return tostring(1e-300), tostring(5e-324), tostring(1.7976931348623157e308), tostring(1e308 * 10) end)
E(function() return tostring(100), tostring(-100), tostring(1e2), tostring(12345678901234) end)
E(function() return tostring(0.1 + 0.2), tostring(100 / 3), tostring(3.14159265358979) end)
E(function() return tostring(setmetatable({}, {__tostring = function() return 42 end})) end)
E(function() return type(tostring(setmetatable({}, {__tostring = function() return {} end}))) end)
E(function() return tostring(setmetatable({}, {__tostring = function() error("in ts") end})) end)
E(function() return tostring(setmetatable({}, {__tostring = "notafunction"})) end)
E(function() return tostring("x", "extra") end)
E(function() return tostring(setmetatable({}, {__tostring = function(...) return select('#', ...) end})) end)
---
local ts, write, select = tostring, io.write, select
local function E(f, ...)
  local r = {pcall(f, ...)}
  for i = 1, table.maxn(r) do r[i] = ts(r[i]) end
  write(table.concat(r, " "), "\n")
end
print()
print(nil, false, 1.5, "s")
print(1 / -math.huge, 2^53, 1e100, -0.25)
tostring = function(v) return {} end
E(function() print(1) end)
tostring = function(v) return 7 end
E(function() print("x", "y") end)
tostring = function(v) return nil end
E(function() print("x") end)
tostring = function(v) return "<" .. ts(v) .. ">" end
E(function() print("x", 1) end)
E(function() print() end)
tostring = nil
E(function() print("x") end)
E(function() print() end)
tostring = ts
E(function() print(setmetatable({}, {__tostring = function() return "mt" end})) end)
---
local function E(f, ...) print(pcall(f, ...)) end
E(function() return io.write() end)
E(function() return io.write("a", 1, 1.5, "\n") end)
E(function() return io.write({}) end)
E(function() return io.write("a", nil) end)
E(function() return io.write(true) end)
E(function() return io.write(1 / -math.huge, " ", 1e100, " ", 0.1, "\n") end)
E(function() return io.write("nul:\0:end\n") end)
---
local function E(f, ...) print(pcall(f, ...)) end
E(function() return loadstring() end)
E(function() return loadstring({}) end)
E(function() return loadstring("return 1", {}) end)
E(function() return loadstring("return 1")() end)
E(function() return loadstring(123) end)
E(function() return loadstring("x = ") end)
E(function() return loadstring("x = ", "name") end)
E(function() return loadstring("x = ", "=name") end)
E(function() return loadstring("x = ", "@file.lua") end)
E(function() return loadstring("error('e')", "=n")() end)
E(function() return load() end)
E(function() return load(1) end)
E(function() return load("return 1") end)
E(function() return load(function() return nil end, {}) end)
E(function() local n = 0 return load(function() n = n + 1 if n == 1 then return "return 5" end end)() end)
E(function() return load(function() return {} end) end)
E(function() local n = 0 return load(function() n = n + 1 if n == 1 then return 12 end end) end)
E(function() return load(function() error("rd") end) end)
---
local function E(f, ...) print(pcall(f, ...)) end
E(function() return getfenv(-1) end)
E(function() return getfenv(100) end)
E(function() return getfenv("x") end)
E(function() return getfenv({}) end)
E(function() return getfenv(0) == _G, getfenv() == _G, getfenv(1) == _G, getfenv(print) == _G end)
E(function() return setfenv() end)
E(function() return setfenv(1) end)
E(function() return setfenv(1, 2) end)
E(function() return setfenv(-1, {}) end)
E(function() return setfenv(100, {}) end)
E(function() return setfenv(print, {}) end)
E(function() return setfenv("x", {}) end)
E(function() local f = function() return x end setfenv(f, {x = 9}) return f() end)
---
local function E(f, ...) print(pcall(f, ...)) end
E(function() return table.getn() end)
E(function() return table.getn({1, 2}) end)
E(function() return table.getn("x") end)
E(function() return table.setn({}, 1) end)
E(function() return table.setn() end)
E(function() return table.foreach() end)
E(function() return table.foreach({}) end)
E(function() return table.foreach({}, 1) end)
E(function() return table.foreach({1}, function(k, v) return k + v end) end)
E(function() return table.foreachi({}, "x") end)
E(function() return table.foreachi({5, 6}, function(i, v) if i == 2 then return v end end) end)
E(function() return math.mod() end)
E(function() return math.mod(1) end)
E(function() return math.mod(7, 3) end)
E(function() return string.gfind() end)
E(function() local r = {} for w in string.gfind("a b", "%a") do r[#r + 1] = w end return #r end)
