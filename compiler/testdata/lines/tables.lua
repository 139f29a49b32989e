-- Constructors: Lua 5.1 discharges the last list item, and emits the
-- final SETLIST, once "}" is read.
local t = {
  x.y
}
local u = {
  x.y,
}
local v = { x.y, x.z
}
local w = {
  a = x.y,
  [x.z] = x.w
}
local s = {
  x.a, x.b,
  f()
}
local r = {
  ...
}
-- A constructor emits NEWTABLE before it reads the "{".
t.a.b
  .c = {}
local
  q = {}
-- A list item starting with a name is read with one token of lookahead.
local p = { f
  .x, f
  [1], f
  :m(), f
  "s", f
  {2} }
