-- attack: a gsub replacement function that calls gsub again (Go-level recursion)
-- expect: runtime (C stack overflow|stack overflow)
local function f(s) return (string.gsub(s, ".", f)) end
return function(event)
  return f("x") ~= nil
end
