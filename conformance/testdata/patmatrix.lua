-- A matrix of patterns against subjects through find, match, gsub and
-- gmatch; errors are printed as values.
local subjects = {"", "a", "hello world", "  x = 10, y = 20  ", "(a(b)c)[d]{e}", "THE (quick) fox", "aaa bbb aaa",
  "key=val;k2=v2", "x1y22z333", "\0\1\2abc\255", "a.b-c+d*e?f[g]h^i$j%k", "one\ntwo\nthree", "ab12cd34"}
local patterns = {"a", ".", "%a+", "%d+", "%s*", "^%s*(.-)%s*$", "(%w+)=(%w+)", "%b()", "%b[]", "%f[%w]%w+", "%f[%W]",
  "(a*)", "a-b", "a?b", "[%a%d]+", "[^%s]+", "[%.%-%+%*%?]", "%%k", "()a()", "(a)(b)?", "(%w)%1", "^$", "$", "^",
  "[a-c]+", "[]]", "[^]]+", "[a-]", "[%]]", "%u%l*", "%x+", "%c", "%p+", "(.)(.)(.)", "((a)(b))", ".-", "\n", "%z"}
local function show(...)
  local n = select("#", ...)
  local t = {}
  for i = 1, n do local v = select(i, ...) t[i] = type(v) == "string" and string.format("%q", v) or tostring(v) end
  return n .. ":" .. table.concat(t, ",")
end
for _, p in ipairs(patterns) do
  for si, s in ipairs(subjects) do
    local r1 = show(pcall(string.find, s, p))
    local r2 = show(pcall(string.match, s, p, 2))
    local r3 = show(pcall(string.gsub, s, p, "<%0>", 3))
    local ok, cnt = pcall(function() local n = 0 for a in s:gmatch(p) do n = n + 1 if n > 100 then break end end return n end)
    print(p, si, r1, r2, r3, ok, cnt)
  end
end
---
-- Malformed patterns fail the same way.
local bad = {"[a", "[", "%", "(", ")", "%b", "%ba", "%f", "%fa", "(()", "%1", "(a)%2", "[%", "[a-", "%g"}
for _, p in ipairs(bad) do
  print(p, pcall(string.find, "abc(a)[", p))
  print(p, pcall(string.gsub, "abc", p, "x"))
end
