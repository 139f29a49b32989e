-- attack: unpack with bounds at the edges of a C int, where n = j - i + 1 overflows
-- expect: runtime too many results to unpack
return function(event)
  return select("#", unpack({}, -2^31 + 2, 2^31 - 1)) > 0
end
