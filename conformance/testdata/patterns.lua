-- string.find: plain and pattern search, init, anchors and captures.
local s = "hello world from lua"
print(s:find("o"), s:find("o", 6), s:find("o", -3), s:find("xyz"), s:find(""), s:find("", 100))
print(s:find("l+"), s:find("^hello"), s:find("^world"), s:find("lua$"), s:find("o w", 1, true))
print(s:find("(o)(r)"), s:find("()ll()"), s:find("%s"), s:find("[aeiou]+", 10))
print(("a.b"):find(".", 1, true), ("a.b"):find("%."), ("a+b"):find("+", 1, true))
print(("abc"):find("b", -1), ("abc"):find("b", -10), ("abc"):find("", 4), ("abc"):find("", 5))
---
-- string.match: captures, position captures, classes.
print(("key = value"):match("(%w+)%s*=%s*(%w+)"))
print(("2024-01-15"):match("(%d+)-(%d+)-(%d+)"))
print(("  trim me  "):match("^%s*(.-)%s*$"))
print(("abc"):match("()b()"), ("abc"):match("x"), ("abc"):match(".-"), ("abc"):match(".*"))
print(("hello"):match("l*"), ("hello"):match("l+"), ("hello"):match("l-o"), ("hello"):match("el?"))
print(("[test]"):match("%[(.*)%]"), ("f(a(b)c)d"):match("%b()"), ("THE (quick) fox"):match("%f[%a]%a+", 5))
print(("x = 10, y = 20"):match("y = (%d+)"), ("abc123def"):match("%a+(%d+)%a+"))
print(("hello hello"):match("(h%a+) %1"), ("abab"):match("(ab)%1"), ("aXb"):match("%u"))
print(("café"):match("%a+"), ("tab\there"):match("%c"), ("a1_b2"):match("[%w_]+"), ("x-y"):match("[a-z%-]+"))
print(("0x1F"):match("^0[xX](%x+)$"), ("  "):match("^%s*$"), ("."):match("%p"), ("A"):match("%l"))
print(("[]"):match("[]]"), ("^"):match("[%^]"), ("a]"):match("[^]]"), ("-"):match("[a-]"))
---
-- string.gmatch iterates over matches.
local words = {}
for w in ("one two  three"):gmatch("%a+") do words[#words + 1] = w end
print(#words, table.concat(words, "|"))
local pairs_ = {}
for k, v in ("a=1, b=2, c=3"):gmatch("(%w+)=(%w+)") do pairs_[#pairs_ + 1] = k .. ":" .. v end
print(table.concat(pairs_, " "))
local n = 0
for _ in ("abc"):gmatch("") do n = n + 1 end
print(n)
for a, b in ("xyz"):gmatch("()(.)") do io.write(a, b, " ") end print()
---
-- string.gsub: string, table and function replacements, counts and limits.
print(("hello world"):gsub("o", "0"))
print(("hello world"):gsub("o", "0", 1))
print(("hello"):gsub("", "-"))
print(("abc"):gsub("%w", "%0%0"))
print(("hello world"):gsub("(%w+) (%w+)", "%2 %1"))
print(("$name is $age"):gsub("%$(%w+)", {name = "bob", age = 42}))
print(("$x and $y"):gsub("%$(%w+)", {x = false}))
print(("1 2 3"):gsub("%d", function(d) return d * 2 end))
print(("a b c"):gsub("%a", function(c) if c == "b" then return nil end return c:upper() end))
print(("abc"):gsub(".", {a = 1, b = "B"}))
print(("x"):gsub("x", "%%"), ("a.b"):gsub("%.", "%%."))
print(("abc"):gsub("b*", "-"))
print(string.gsub("hello", "l", "L", 0), string.gsub("hello", "l", "L", -1))
---
print(pcall(function() return ("x"):gsub("x", "%2") end))
print(pcall(function() return ("x"):gsub("(x)", "%9") end))
print(pcall(function() return ("x"):find("[a") end))
print(pcall(function() return ("x"):find("%") end))
print(pcall(function() return ("x"):find("(x") end))
print(pcall(function() return ("x"):find("x)") end))
print(pcall(function() return ("x"):match("%b") end))
print(pcall(function() return ("x"):match("%f") end))
print(pcall(function() return ("x"):gsub("x", true) end))
print(pcall(function() return ("x"):gsub("(x)", {x = {}}) end))
print(pcall(function() return ("x"):match("%1") end))
print(pcall(function() return ("ab"):gsub(".", {a = true}) end))
print(pcall(function() return string.gmatch() end))
---
-- Special characters and anchors in gsub patterns.
print(("^abc"):gsub("^^", "x"), ("a$b"):gsub("%$", "S"), ("a$"):gsub("$$", "!"))
print(("line1\nline2"):gsub("\n", "\\n"))
print(("CamelCaseString"):gsub("(%u)", " %1"))
print((" x "):gsub("^%s+", ""))
print(string.format("%q", ("a\0b"):gsub("%z", "Z")))
