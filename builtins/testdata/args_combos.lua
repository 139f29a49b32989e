-- Every library function called with no, one and two arguments drawn
-- from a pool of awkward values (nil, false, negative, fractional, numeric
-- string, format string, tables, 2^31, NaN): results or error messages
-- must be lua5.1's. Called through pcall, so functions are named '?'.
-- (A wider pool with three arguments, 255k calls, was run once against
-- lua5.1 with no difference; unpack and table.insert with 2^31 are left out:
-- lua5.1 crashes or loops 2^31 times on them.)
local pool = {nil, false, -1, 2.5, "3", "%d", "tbl", "arr", 2^31, 0/0}
local npool = 10
local names = {
  "string.byte","string.char","string.find","string.format","string.gmatch","string.gsub","string.len","string.lower","string.match","string.rep","string.reverse","string.sub","string.upper",
  "table.concat","table.insert","table.maxn","table.remove","table.sort",
  "math.abs","math.acos","math.asin","math.atan","math.atan2","math.ceil","math.cos","math.cosh","math.deg","math.exp","math.floor","math.fmod","math.frexp","math.ldexp","math.log","math.log10","math.max","math.min","math.modf","math.pow","math.rad","math.sin","math.sinh","math.sqrt","math.tan","math.tanh",
  "assert","error","getmetatable","ipairs","next","pairs","rawequal","rawget","rawset","select","setmetatable","tonumber","tostring","type","unpack",
}
local function val(i)
  local v = pool[i]
  if v == "tbl" then return {} elseif v == "arr" then return {1, 2, 3} end
  return v
end
local function show(v)
  local t = type(v)
  if t == "table" or t == "function" then return t end
  if t == "string" then return (string.format("%q", v):gsub("0x%x+", "0x?")) end
  return tostring(v)
end
local function run(name, f, n, a, b, c)
  local args = {}
  if n >= 1 then args[1] = val(a) end
  if n >= 2 then args[2] = val(b) end
  if n >= 3 then args[3] = val(c) end
  if (name == "table.insert" or name == "unpack") and (a and pool[a] == 2^31 or b and pool[b] == 2^31 or c and pool[c] == 2^31) then return end
  local r = {pcall(f, unpack(args, 1, n))}
  local out = {}
  for i = 1, table.maxn(r) do out[i] = show(r[i]) end
  print(name, n, a, b, c, table.concat(out, " "))
end
for _, name in ipairs(names) do
  local lib, fn = name:match("^(%a+)%.(%a+)$")
  local f = lib and _G[lib][fn] or _G[name]
  run(name, f, 0)
  for a = 1, npool do
    run(name, f, 1, a)
    for b = 1, npool do
      run(name, f, 2, a, b)
    end
  end
end
