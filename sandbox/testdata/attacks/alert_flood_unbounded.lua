-- attack: flood alerts without end
-- expect: instructions
return function(event)
  while true do alert.emit("flood", "alert") end
end
