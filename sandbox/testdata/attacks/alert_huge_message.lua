-- attack: alert messages of a gigabyte
-- expect: memory
return function(event)
  alert.emit("big", string.rep("x", 1e9))
  return true
end
