-- Expressions: constants, operators with lparser.c's priorities,
-- prefix expressions, calls, constructors and function bodies.
local a = nil, true, false, ..., 1, 1.5, .5, 5., 1e10, 1E-3, 2.5e+3, 0x10, 0XfF, 0x1p4
local s = "a", 'b', [[c]], [==[d]]e]==], "\65\066\0677", "\a\b\f\n\r\t\v\\\"\'", 'x\
y', "\q"
local n = 9223372036854775807, 9223372036854775808, 0x7fffffffffffffff, 0xffffffffffffffff
local e = -x^2, 2^-3^2, a..b..c, not a == b, a < b .. c + d, -a * b, #t + 1, not not a
local l = a or b and c or d, a == b ~= c, a <= b, a >= b, a > b, a % b / c * d - e + f
local p = (f()), (...), ((a)), (a).b, ("s"):upper(), ({}).x, (function() end)()
local c = f(), f(a), f(a, b), a.b.c(), a:b(), a:b(1, 2), a:b "s", a:b { }, a[1][2](3)
local t = {}, {1}, {1,}, {1;}, {1, 2; 3}, {x = 1, ["y"] = 2, [3] = 3, 4}, {f = function() end}
local t2 = {a = {b = {c = {}}}}, {[a .. b] = c}, {a, b, c = d, e}
local fn = function() end, function(a) end, function(a, b, ...) return ... end, function(...) end
local u = - - a, not - # a, -1, - 1
---
-- A long string skips its first newline.
local s = [[
line]]
---
x = 3x -- ### "malformed number near '3x'"
---
x = 1e -- ### "malformed number near '1e'"
---
x = 1..2 -- ### "malformed number near '1..2'"
---
x = 0x -- ### "malformed number near '0x'"
---
x = 0xg -- ### "malformed number near '0xg'"
---
x = 1.2.3 -- ### "malformed number near '1.2.3'"
---
x = 08 -- decimal, not octal
---
x = 1e+ -- ### "malformed number near '1e\+'"
---
x = 0x1p -- ### "malformed number near '0x1p'"
---
x = 'abc -- ### "unfinished string near"

---
x = 'abc\
def -- ### "unfinished string"
---
x = 'abc -- ### "unfinished string near '<eof>'"
---
x = "\300" -- ### "escape sequence too large near '\"'"
---
x = "ab\2565" -- ### "escape sequence too large near '\"ab'"
---
x = [[ abc -- ### "unfinished long string near '<eof>'"
---
x = [==[ abc ]=] -- ### "unfinished long string near '<eof>'"
---
--[[ abc -- ### "unfinished long comment near '<eof>'"
---
x = [=x -- ### "invalid long string delimiter near '\[='"
---
x = [[ a [[ b ]] ]] -- ### "nesting of \[\[...\]\] is deprecated near '\['"
---
x = [=[ a [[ b ]] ]=]
---
x = ~ 1 -- ### "unexpected symbol near '~'"
---
x = a + -- ### "unexpected symbol near '<eof>'"
---
x = (a -- ### "'\)' expected near '<eof>'"
---
x = (a
+ b -- ### "'\)' expected \(to close '\(' at line 1\) near '<eof>'"
---
x = f(a -- ### "'\)' expected near '<eof>'"
---
x = f(a,
b -- ### "'\)' expected \(to close '\(' at line 1\) near '<eof>'"
---
x = f(a,) -- ### "unexpected symbol near '\)'"
---
x = {a b} -- ### "'}' expected near 'b'"
---
x = {
a = 1 b = 2 -- ### "'}' expected \(to close '{' at line 1\) near 'b'"
}
---
x = {[1] 2} -- ### "'=' expected near '2'"
---
x = {[1] = } -- ### "unexpected symbol near '}'"
---
x = {[1 = 2} -- ### "']' expected near '='"
---
x = {a = } -- ### "unexpected symbol near '}'"
---
x = {,} -- ### "unexpected symbol near ','"
---
x = a[1 -- ### "']' expected near '<eof>'"
---
x = a. -- ### "'<name>' expected near '<eof>'"
---
x = a.1 -- ### "unexpected symbol near '.1'"
---
x = a: -- ### "'<name>' expected near '<eof>'"
---
x = a:b -- ### "function arguments expected near '<eof>'"
---
x = a:b.c -- ### "function arguments expected near '.'"
---
x = function -- ### "'\(' expected near '<eof>'"
---
x = function(a, 1) end -- ### "<name> or '...' expected near '1'"
---
x = function() -- ### "'end' expected near '<eof>'"
---
x = not -- ### "unexpected symbol near '<eof>'"
---
x = 1 + + 2 -- ### "unexpected symbol near '\+'"
---
x = "a" "b" -- ### "unexpected symbol near '\"b\"'"
---
x = #{} .. 'x' -- valid
---
x = a .. .. b -- ### "unexpected symbol near '..'"
---
x = ... -- the main chunk is vararg
---
x = f
"s" -- a string argument may start on a new line
---
x = f
{1} -- so may a table argument
---
-- lua5.1 reads one token ahead after a name in a constructor, which makes
-- its "previous line" that of the token read ahead: this is a call.
x = { f
(1) }
---
x = { f.g
(1) } -- ### "ambiguous syntax \(function call x new statement\) near '\('"
