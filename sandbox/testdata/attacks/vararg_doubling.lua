-- attack: grow a vararg list by one value at each tail call (each call copies the whole list)
-- expect: memory|instructions
-- budget: memory_kb=256
local function grow(...)
  return grow(1, ...)
end
return function(event)
  return grow() ~= nil
end
