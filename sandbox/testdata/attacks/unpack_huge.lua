-- attack: unpack a huge range (lua_checkstack)
-- expect: runtime too many results to unpack
return function(event)
  return select("#", unpack({}, 1, 1e8)) > 0
end
