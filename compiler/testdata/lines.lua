-- Runtime errors raised by constructs spread over several lines. Lua 5.1
-- reports the line of the last token read when the failing instruction
-- was emitted, which is not always the line of the construct; the
-- conformance tests compare each chunk's error message with lua5.1's.
local t = {}
local x = t.a
  .b -- ### "attempt to index field 'a'"
---
local t = {}
local y = t.a.b
  + 1 -- ### "attempt to index field 'a'"
---
-- A call on a name starting a constructor item may put "(" on a new line.
x = { f
(1) } -- ### "attempt to call global 'f'"
---
local t = {enabled = true}
local v = t.enabled
  and t.x.y -- ### "attempt to index field 'x'"
---
local t = {}
local v = t.a.b
  and 1 -- ### "attempt to index field 'a'"
---
local t = {}
print(
  t.a.b
) -- ### "attempt to index field 'a'"
---
local t = {}
local s = {
  t.a.b
} -- ### "attempt to index field 'a'"
---
local t = {}
local s = {
  t.a.b, -- ### "attempt to index field 'a'"
  1,
}
---
local obj
obj
  :m(1) -- ### "attempt to index local 'obj'"
---
local obj = {}
obj
  :m(1) -- ### "attempt to call method 'm'"
---
for i = nil,
  10 do -- ### "'for' initial value must be a number"
end
---
for k in
  nil do -- ### "attempt to call a nil value"
end
---
local t = {}
local c = t.a
  .. "x" -- ### "attempt to concatenate field 'a'"
---
local t = {}
local c = "x" ..
  t.a -- ### "attempt to concatenate field 'a'"
---
local t = {}
local ok = t.a
  < 1 -- ### "attempt to compare nil with number"
---
local t = {}
local n = #
  t.a -- ### "attempt to get length of field 'a'"
---
local t = {}
local u = (t.a
  ).b -- ### "attempt to index field 'a'"
---
local t = {}
t.a.b -- ### "attempt to index field 'a'"
  .c = 1
---
local t = {}
local w = { [t.a
  .b] = 1 } -- ### "attempt to index field 'a'"
---
local t = {p = {}}
local s = t.p
  .q
  .r -- ### "attempt to index field 'q'"
---
local t = {}
local function g()
  return t.a
    .b -- ### "attempt to index field 'a'"
end
g()
---
local t = {}
t.f( -- ### "attempt to call field 'f'"
  1,
  2
)
---
-- The cases of the upstream suite's errors.lua ("testing line error").
local a
 for i=1,'a' do -- ### "'for' limit must be a number"
 print(i)
 end
---
for k,v in
 3 -- ### "attempt to call a number value"
 do
 print(k)
 end
---
function a.x.y () -- ### "attempt to index global 'a'"
a=a+1
end
---
local t = {}
function t.x.y -- ### "attempt to index field 'x'"
  .z ()
end
