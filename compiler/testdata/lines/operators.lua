-- Binary operators at the start of a continuation line: Lua 5.1 fetches a
-- pending left operand (a global, an upvalue, a field) once the operator
-- is read, so on the operator's line.
local t = {}
local up = 1
local function g()
  return up
    + 1
end
local a = t.x
  + t.y
local b = t.x
  .. t.y
  .. t.z
local c = t.enabled
  and t.n > 1
  or t.m
local d = t.p
  == t.q
local e = x
  < y
local f = -t.x
local h = not
  t.x
local i = #
  t.s
if t.u
  and t.v
then
  print(t.w
    % 2)
end
local j = (t.x
  ) + 1
local k = t[t.a
  ] .. t[
  t.b]
