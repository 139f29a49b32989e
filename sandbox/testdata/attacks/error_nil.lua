-- attack: error(nil): the host must still report an error
-- expect: runtime nil
return function(event)
  error(nil)
end
