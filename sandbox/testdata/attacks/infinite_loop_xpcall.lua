-- attack: an infinite loop inside xpcall whose handler swallows everything
-- expect: instructions
return function(event)
  xpcall(function() while true do end end, function(e) return e end)
  return true
end
