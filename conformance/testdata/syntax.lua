-- Syntax errors carry Lua 5.1's message and the line of the offending token.
local x = = 1 -- ### "unexpected symbol near '='"
---
x = 1 +  -- ### "unexpected symbol near '<eof>'"
---
local function f()
  return 1 -- ### "'end' expected \(to close 'function' at line 6\) near '<eof>'"
---
if x then
  y = 1
else
  z = 2
elseif w then -- ### "'end' expected \(to close 'if' at line 9\) near 'elseif'"
end
---
for i = 1 do end -- ### "',' expected near 'do'"
---
for a, b = 1, 2 do end -- ### "'in' expected near '='"
---
local t = {1,
  2 -- ### "'}' expected \(to close '{' at line 20\) near '<eof>'"
---
print('unfinished -- ### "unfinished string near"
---
x = 3 y -- ### "'=' expected near '<eof>'"
---
local 1 = 2 -- ### "'<name>' expected near '1'"
---
f( -- ### "unexpected symbol near '<eof>'"
---
return return -- ### "unexpected symbol near 'return'"
---
return 1; x = 2 -- ### "'<eof>' expected near 'x'"
---
do break end -- ### "no loop to break near 'end'"
---
x = 1e -- ### "malformed number near '1e'"
---
x = 0x -- ### "malformed number near '0x'"
---
x = "\300" -- ### "escape sequence too large near"
---
x = [[ unfinished -- ### "unfinished long string near '<eof>'"
---
--[[ unfinished long comment -- ### "unfinished long comment near '<eof>'"
---
a.b:c = 1 -- ### "function arguments expected near '='"
---
local a <const> = 1 -- ### "unexpected symbol near '<'"
---
x = [==[ ]=] ]] -- ### "unfinished long string"
---
x = [= -- ### "invalid long string delimiter near '\[='"
---
x = ~1 -- ### "unexpected symbol near '~'"
---
x = 1 ~ 2 -- ### "unexpected symbol near '~'"
---
x = a..b.. -- ### "unexpected symbol near '<eof>'"
---
local function f(a, b c) end -- ### "'\)' expected near 'c'"
---
local function f(1) end -- ### "<name> or '...' expected near '1'"
---
function t:m.x() end -- ### "'\(' expected near '\.'"
---
x = {[1] 2} -- ### "'=' expected near '2'"
---
while true do -- ### "'end' expected near '<eof>'"
---
repeat x = 1 -- ### "'until' expected near '<eof>'"
---
goto = 1
print(goto)
---
x = function(a, ...) return ... end
y = function(...) local a, b = ... return a end
print(x(1, 2), y(3))
---
x = function() return ... end -- ### "cannot use '...' outside a vararg function near '...'"
---
(print)("parenthesised call")
local f = print
f"string call"
local function ty(x) print(type(x)) end
ty{}
f[[long call]]
---
local a = print
(a)("x") -- ### "ambiguous syntax \(function call x new statement\) near '\('"
---
x = 1 == 2 == false
print(x, 1 < 2 == true, "a" .. "b" == "ab")
---
print(#"abc" + 1, -2 ^ 2, not true == false, 2 ^ -2)
---
print(1..2) -- ### "malformed number near '1..2'"
---
x = 1 y = 2; z = 3;;; print(x + y + z) -- ### "unexpected symbol near ';'"
---
local x = 1; local y = 2; print(x + y);
---
-- A lone semicolon is allowed after a statement only.
for i = 1, 2 do local z = i; end; print("ok")
