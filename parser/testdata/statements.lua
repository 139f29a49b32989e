-- Statements: every production of the Lua 5.1 grammar (manual §8).
-- Chunks are separated by "---" lines; a line ending in a "### regexp"
-- comment must fail with a matching message.
local a
local b, c = 1, 2
local d, e = f()
a = 1
a, b = b, a
a.b, a[1], a.b.c = 1, 2, 3
f()
f(1, 2, ...)
a.b:c(1)
a.b.c:d "str"
f { 1, 2 }
f "x" "y" { z = 1 }
do end
do local x = 1; x = 2 end
while a do a = a - 1 end
while true do break end
repeat local z = 1 until z
repeat break until false
if a then end
if a then b = 1 elseif c then b = 2 elseif d then b = 3 else b = 4 end
if a then else end
for i = 1, 10 do end
for i = 10, 1, -1 do if i then break end end
for k in pairs(t) do end
for k, v in next, t, nil do end
function g() end
function g.h() end
function g.h.i:j(a, b, ...) return self end
local function l(a) return l(a) end
function v(...) return ... end
function w(a, ...) local t = {...} return select('#', ...) end
return
---
return 1, 2, 3
---
return;
---
do return end
---
local x = 1; local y = 2;
---
f();
g()
---
-- return and break end their block.
while true do do break end end
for i = 1, 2 do break; end
---
-- An empty chunk and a chunk of comments are valid.
--[[ long
comment ]] --[==[ level
2 ]==]
---
-- Statement ends are not marked: this is two statements.
a = b
c = d
---
x = f
(g)() -- ### "ambiguous syntax \(function call x new statement\) near '\('"
---
; -- ### "unexpected symbol near ';'"
---
a = 1;; -- ### "unexpected symbol near ';'"
---
x = = 1 -- ### "unexpected symbol near '='"
---
x -- ### "'=' expected near '<eof>'"
---
x y = 1 -- ### "'=' expected near 'y'"
---
f() = 1 -- ### "unexpected symbol near '='"
---
(a) = 1 -- ### "syntax error near '='"
---
a, f() = 1, 2 -- ### "syntax error near '='"
---
a.b:c = 1 -- ### "function arguments expected near '='"
---
1 = a -- ### "unexpected symbol near '1'"
---
if a b = 1 end -- ### "'then' expected near 'b'"
---
if a then -- ### "'end' expected near '<eof>'"
---
if a then
  b = 1
else -- ### "'end' expected \(to close 'if' at line 1\) near '<eof>'"
---
if a then elseif then end -- ### "unexpected symbol near 'then'"
---
while a b = 1 end -- ### "'do' expected near 'b'"
---
while a do
  x = 1 -- ### "'end' expected \(to close 'while' at line 1\) near '<eof>'"
---
do
  x = 1
  return
  x = 2 -- ### "'end' expected \(to close 'do' at line 1\) near '='"
end
---
while true do break x = 1 end -- ### "'end' expected near 'x'"
---
return 1 x = 1 -- ### "'<eof>' expected near 'x'"
---
return return -- ### "unexpected symbol near 'return'"
---
repeat x = 1 -- ### "'until' expected near '<eof>'"
---
repeat
  x = 1
end -- ### "'until' expected \(to close 'repeat' at line 1\) near 'end'"
---
for i do end -- ### "'=' or 'in' expected near 'do'"
---
for i = 1 do end -- ### "',' expected near 'do'"
---
for i = 1, 2 x() end -- ### "'do' expected near 'x'"
---
for a, b c do end -- ### "'in' expected near 'c'"
---
for 1 = 1, 2 do end -- ### "'<name>' expected near '1'"
---
for a, 2 in t do end -- ### "'<name>' expected near '2'"
---
for i = 1, 2 do
-- ### "'end' expected \(to close 'for' at line 1\) near '<eof>'"
---
function 1() end -- ### "'<name>' expected near '1'"
---
function a.() end -- ### "'<name>' expected near '\('"
---
function a:b.c() end -- ### "'\(' expected near '.'"
---
function a b() end -- ### "'\(' expected near 'b'"
---
function f(a,) end -- ### "<name> or '...' expected near '\)'"
---
function f(..., a) end -- ### "'\)' expected near ','"
---
function f(a b) end -- ### "'\)' expected near 'b'"
---
function f()
  return 1 -- ### "'end' expected \(to close 'function' at line 1\) near '<eof>'"
---
local function f()
  return 1 -- ### "'end' expected \(to close 'function' at line 1\) near '<eof>'"
---
local function 1() end -- ### "'<name>' expected near '1'"
---
local 1 -- ### "'<name>' expected near '1'"
---
local a, = 1 -- ### "'<name>' expected near '='"
---
local a = -- ### "unexpected symbol near '<eof>'"
---
break -- ### "no loop to break near '<eof>'"
---
if x then break end -- ### "no loop to break near 'end'"
---
while true do
  local f = function() break end -- ### "no loop to break near 'end'"
end
---
function f() return ... end -- ### "cannot use '...' outside a vararg function near '...'"
---
-- The main chunk is vararg.
local a, b = ...
---
x = function(...) return function() return ... end end -- ### "cannot use '...' outside a vararg function near '...'"
---
end -- ### "'<eof>' expected near 'end'"
---
else -- ### "'<eof>' expected near 'else'"
---
until x -- ### "'<eof>' expected near 'until'"
---
x = 1 @ -- ### "unexpected symbol near '@'"
---
x = 1 ! -- ### "unexpected symbol near '!'"
---
local t = {} t.x, t.y = 1 -- valid: too few values is fine
---
a.b.c.d = 1
a[b][c] = 2
a:b().c = 3
a"x".y = 4
