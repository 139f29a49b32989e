-- Function environments (conformance profile): getfenv/setfenv.
local env = setmetatable({}, {__index = _G})
local function f() x = 10 return x end
setfenv(f, env)
print(f(), rawget(env, "x"), rawget(_G, "x"))
print(getfenv(f) == env, getfenv(print) == _G, getfenv(0) == _G, getfenv() == _G, getfenv(1) == _G)
---
-- A closure inherits the environment of the function that creates it.
local env = {print = print, tostring = tostring}
local function maker() return function() return y end end
setfenv(maker, env)
env.y = "from env"
y = "from _G"
print(maker()(), y)
---
-- setfenv(1, ...) changes the running function's environment.
local function g()
  setfenv(1, {print = print})
  z = 5
  print(z, _G)
end
g()
print(z)
---
print(pcall(setfenv, 1, 2))
print(pcall(function() return setfenv(print, {}) end))
print(pcall(function() return getfenv(-1) end))
print(pcall(function() return getfenv(100) end))
---
-- Globals are fields of the environment table.
local env = {}
local chunk = loadstring("a = 1; b = a + 1; return b")
setfenv(chunk, env)
print(chunk(), env.a, env.b, a)
