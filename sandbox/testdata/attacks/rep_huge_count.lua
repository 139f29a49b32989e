-- attack: rep with a count beyond every integer type (2^63 and inf)
-- expect: memory
return function(event)
  return #string.rep("ab", 2^62) > 0
end
