-- pcall returns true and the results, or false and the error value.
print(pcall(function(...) return ... end, 1, 2))
print(pcall(error))
print(pcall(error, nil))
print(pcall(error, "msg"))
print(pcall(error, "msg", 0))
print(pcall(error, 42))
local ok, e = pcall(error, {code = 7})
print(ok, type(e), e.code)
print(pcall(pcall))
print(select("#", pcall(error)))
---
-- error levels: 1 (default) is the caller of error, 2 its caller, 0 no position.
local function lvl1() error("one") end
local function lvl2() error("two", 2) end
local function lvl0() error("zero", 0) end
local function call2() lvl2() end -- line 19 is blamed for lvl2
print(pcall(lvl1))
print(pcall(call2))
print(pcall(lvl0))
print(pcall(function() error("three", 3) end))
print(pcall(function() error() end))
print(pcall(function() error(nil, 2) end))
print(pcall(function() error(setmetatable({}, {__tostring = function() return "E" end})) end))
---
-- Errors in nested pcall are caught by the innermost.
local function inner() error("inner error") end
local ok, msg = pcall(function()
  local ok2, msg2 = pcall(inner)
  print("inner:", ok2, msg2)
  error("outer error")
end)
print("outer:", ok, msg)
---
-- xpcall calls the handler with the error; its result replaces the message.
print(xpcall(function() error("boom") end, function(m) return "handled: " .. m end))
print(xpcall(function() return 1, 2 end, print))
print(xpcall(function() error({}) end, function(m) return type(m) end))
print(xpcall(function() local x = nil; return x.y end, function(m) return (string.gsub(m, "^[^:]*:%d+: ", "")) end))
print(pcall(function() return xpcall(print) end))
---
-- Error values keep their type through pcall.
for _, v in ipairs({1, 2.5, "s", true}) do
  local ok, e = pcall(error, v)
  io.write(type(e), " ", tostring(e), "; ")
end
print()
---
-- error() with a non-string at the top level.
error({}) -- ### "\(error object is a table value\)"
---
error("plain message", 0) -- ### "^plain message$"
---
error("with position") -- ### "^chunk:\d+: with position$"
---
error(12) -- ### "12"
---
-- assert returns all its arguments or raises its message.
print(assert(1, 2, 3))
print(pcall(assert, false))
print(pcall(assert, nil, "custom message"))
print(pcall(assert, false, 42))
print(pcall(function() assert() end))
---
assert(false, "assertion with message") -- ### "^chunk:\d+: assertion with message$"
---
assert(1 == 2) -- ### "assertion failed!"
---
-- Runtime errors inside pcall keep their position.
local function f()
  local t = nil
  return t.x
end
print(pcall(f))
print(pcall(function() return 1 + {} end))
print(pcall(function() return #5 end))
print(pcall(function() return ("x")() end))
---
-- Stack overflow is an ordinary catchable error.
local function rec(n) return 1 + rec(n + 1) end
local ok, msg = pcall(rec, 1)
print(ok, string.find(msg, "stack overflow") ~= nil)
local function mrec() local t = setmetatable({}, {__index = function(t, k) return t[k] end}) return t.x end
local ok2, msg2 = pcall(mrec)
print(ok2, msg2 ~= nil)
