-- attack: rep with the largest count a C int holds (2^31-1 copies of "ab": 4 GiB)
-- expect: memory
return function(event)
  return #string.rep("ab", 2^31 - 1) > 0
end
