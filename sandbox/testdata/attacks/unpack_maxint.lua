-- attack: unpack with bounds that overflow n = j - i + 1
-- expect: runtime too many results to unpack
return function(event)
  return select("#", unpack({}, -2^62, 2^62)) > 0
end
