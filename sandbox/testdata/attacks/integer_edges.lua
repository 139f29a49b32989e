-- attack: integer overflow at the edges of int64 in loops, ranges and indexes (infinite loops, huge allocations)
-- expect: result true
return function(event)
  local maxi = 9223372036854775807
  local mini = -9223372036854775807 - 1
  local tests = {
    function() return unpack({}, maxi, maxi) end,
    function() return unpack({}, maxi - 1, maxi) end,
    function() return unpack({1, 2, 3}, mini, maxi) end,
    function() return select(maxi, 1, 2) end,
    function() return ("abc"):sub(mini, maxi) end,
    function() return ("abc"):byte(mini, maxi) end,
    function() return table.concat({1, 2}, "", maxi - 1, maxi) end,
    function() return table.insert({}, maxi, 1) end,
    function() return table.remove({1}, mini) end,
    function() return error("x", maxi) end,
    function() return string.format("%d", 2^63) end,
    function() return string.rep("ab", maxi) end,
    function() return mini % -1, -mini, mini * -1, math.abs(mini), mini / -1 end,
    function() return math.random(mini, maxi) end,
    function() for i = maxi - 2, maxi do end return true end,
    function() for i = mini + 2, mini, -1 do end return true end,
    function() for i = 1, 3, 0 do return true end end,
    function() local t = {} t[maxi] = 1 t[mini] = 2 return #t, next(t) end,
    function() return ("x"):find("", maxi), ("x"):find("", mini), ("x"):gsub("", "y", maxi) end,
  }
  for _, f in ipairs(tests) do pcall(f) end
  return true
end
