-- attack: grow a vararg list by one value at each tail call (each call copies the whole list)
-- expect: memory|instructions
-- bug: the countdown is decremented by the extra units of a long vararg list without a check, so the run ends past its instruction budget (vm/exec.go valuesPerUnit charges; syncOut commits more than was reserved)
-- budget: memory_kb=256
local function grow(...)
  return grow(1, ...)
end
return function(event)
  return grow() ~= nil
end
