-- attack: write a field into the event userdata
-- expect: runtime attempt to index
return function(event)
  event.injected = true
  return true
end
