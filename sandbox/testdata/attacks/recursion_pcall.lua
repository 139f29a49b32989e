-- attack: pcall nesting without bound; the deepest level catches the C stack overflow, every level above returns true
-- expect: result true
local function f() return pcall(f) end
return function(event)
  return (f())
end
