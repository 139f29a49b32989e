-- Loop headers over several lines: FORPREP (which raises "'for' initial
-- value must be a number") is emitted once "do" is read; TFORLOOP (which
-- calls the generator) gets the line of the token after "in"; FORLOOP the
-- line of "for". (The tree keeps no position for "do": it is taken to be
-- on the line where the header ends, so headers with "do" on a line of its
-- own are not here; see the package documentation.)
for i = a.b,
  c.d do
  print(i)
end
for i = 1, n do print(i) end
for k, v in
  pairs(t) do
end
for k, v in pairs(t) do end
for k in
  t.iter, t do
  print(k)
end
for k in [[a
b]], x do end
for i = t.a, t.b, t.c do
  local f = function() return i end
end
for k, v in next, t do
  local f = function() return k end
end
while t.x
  and t.y do
  t.x = t.x
    - 1
end
repeat
  local q = t.z
until q
  or t.q
