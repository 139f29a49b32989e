-- attack: unbounded Lua recursion with memory to spare: the call depth limit (LUAI_MAXCALLS) stops it
-- expect: runtime stack overflow
-- budget: memory_kb=65536
local function f(n) return 1 + f(n + 1) end
return function(event)
  return f(1) > 0
end
