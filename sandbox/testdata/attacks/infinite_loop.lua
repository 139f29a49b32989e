-- attack: while true do end
-- expect: instructions
return function(event)
  while true do end
end
