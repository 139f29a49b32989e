-- attack: one string.rep of a gigabyte
-- expect: memory
return function(event)
  return #string.rep("x", 1e9) > 0
end
