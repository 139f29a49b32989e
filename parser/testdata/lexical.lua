-- Lexical details: comments, line ends, bytes outside ASCII.
x = 1 -- comment
x = 2 --[[ long comment ]] y = 3
x = 4 --[==[ level-2
comment ]==] y = 5
--[ not a long comment
--[=x also a short comment
x = "é Latin-1 bytes ÿ pass through"
x = [[
first newline skipped]]
---
x = "\9\99\999" -- ### "escape sequence too large"
---
x = 'a' .. "b" .. [[c]] .. [=[d]=]
---
é = 1 -- ### "unexpected symbol near"
---
x = 1 ? 2 -- ### "unexpected symbol near '\?'"
---
x = 1
y = 2 3 -- ### "unexpected symbol near '3'"
---
x = $ -- ### "unexpected symbol near '\$'"
---
x = a --[[ comment
over lines ]] + b
