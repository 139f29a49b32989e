-- attack: catch the limit error and keep going in a loop of pcalls
-- expect: instructions
return function(event)
  while true do
    pcall(function() for i = 1, 1e9 do end end)
  end
end
