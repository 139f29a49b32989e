-- Assignments, locals, multiple assignment conflicts, globals, fields.
local a, b = 1
local c, d = f()
local e, g2, h = 1, f()
local i, j = 1, 2, 3, f()
a, b = b, a
x, y.z, w[a] = 1, 2
local t = {}
t[a], a = a, t[a]
t.x.y, t = 1, 2
a.b.c.d = a.b.c
x = y
local function rec(n) if n > 0 then return rec(n - 1) end return n end
function gl.obj.m(p1, p2) return p1 + p2 end
function gl.obj:meth(p) return self.x + p end
do local scoped = 1; z = scoped end
s:method(1, 2):other "str" {3}
f(g(h()))
f(...)
return f(...)
