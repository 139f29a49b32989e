-- string library: results printed so that lua5.1 proves them.
print(string.len("abc"), #"", ("x"):len(), string.len(123))
print(string.sub("hello", 2, 4), ("hello"):sub(-3), ("hello"):sub(2), ("hello"):sub(0), ("hello"):sub(10), ("hello"):sub(-100, 2))
print(string.upper("aBc1"), string.lower("AbC\200"), string.reverse("abc"), string.reverse(""))
print(string.rep("ab", 3), string.rep("x", 0), string.rep("x", -1), string.rep("", 5) == "")
print(string.byte("ABC"), string.byte("ABC", 2), string.byte("ABC", -1), string.byte("ABC", 1, 3))
print(string.byte("ABC", 10), string.byte(""), string.char(), string.char(72, 105))
print(("%d"):format(3), ("x"):rep(3), ("a,b"):find(",", 1, true))
---
print(string.find("hello world", "o w"), string.find("hello", "l+"))
print(string.match("key = value", "(%w+)%s*=%s*(%w+)"))
print(string.match("  trim  ", "^%s*(.-)%s*$") .. "|")
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do io.write(k, v, ";") end print()
for w in ("one two"):gmatch("%a+") do io.write("[", w, "]") end print()
print(string.gsub("hello world", "(%w+)", "<%1>"))
print(string.gsub("hello world", "%w+", function(w) return w:upper() end, 1))
print(string.gsub("$name is $age", "%$(%w+)", {name = "bob", age = 42}))
print(string.gsub("abc", "%w", {a = false, b = "B"}))
print(string.gsub("abc", "", "-"))
print(string.gsub("abc", ".", {a = 1, b = 2.5}))
---
print(string.format("%5.2f|%-5d|%05d|%x|%X|%o|%e|%g|%q", 3.14159, 42, -42, 255, 255, 8, 12345.678, 0.0001, 'a "q"\n'))
print(string.format("%s %s %s", 1, 1.5, "x"), string.format("%%"), string.format("%c%c", 76, 117))
print(string.format("%10.3s|", "abcdef"), string.format("%.0f %.1f %5.1g", 2.5, 0.05, 1234))
---
print(string.rep()) -- ### "bad argument #1 to 'rep' \(string expected, got no value\)"
---
print(string.rep("x")) -- ### "bad argument #2 to 'rep' \(number expected, got no value\)"
---
print(("x"):rep({})) -- ### "bad argument #1 to 'rep' \(number expected, got table\)"
---
print(string.sub("x", "a")) -- ### "bad argument #2 to 'sub' \(number expected, got string\)"
---
print(string.char(256)) -- ### "bad argument #1 to 'char' \(invalid value\)"
---
print(string.format("%y", 1)) -- ### "invalid option '%y' to 'format'"
---
print(string.format("%d")) -- ### "bad argument #2 to 'format' \(no value\)"
---
print(string.format("%d", "x")) -- ### "bad argument #2 to 'format' \(number expected, got string\)"
---
print(string.find("a", "[a")) -- ### "malformed pattern \(missing '\]'\)"
---
print(string.gsub("a", "a", true)) -- ### "bad argument #3 to 'gsub' \(string/function/table expected\)"
---
print(string.gsub("abc", "%w", function() return {} end)) -- ### "invalid replacement value \(a table\)"
---
print(string.gsub("abc", "(%w)", "%2")) -- ### "invalid capture index"
---
local s = "abc"
print(s:bad()) -- ### "attempt to call method 'bad' \(a nil value\)"
