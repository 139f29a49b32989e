-- Calls whose arguments, method name or closing parenthesis are on a later
-- line than the called expression. Lua 5.1 gives the CALL the line of the
-- "(" (or "{", or the end of a string argument), and discharges the last
-- argument once ")" is read.
f
"s"
f
{1}
f[[long
string]]
local x = { f
(1) }
local y = { g
-- a comment between the name and "("
(2, 3) }
local z = { h
() }
obj
:m(1)
obj.a
:m(2)
obj
.x
.y(2)
f(
  a.b,
  c.d
)
f(a.b, c.d
)
print(t.x
)
local w = f(
  t.y)
f(t
.z)
