-- attack: rawset on the frozen math library
-- expect: runtime attempt to modify a read-only table
return function(event)
  rawset(math, "floor", function(x) return 0 end)
  return true
end
