-- attack: raise a huge error message (the host copies and prints it)
-- expect: memory
return function(event)
  error(string.rep("x", 1e8))
end
