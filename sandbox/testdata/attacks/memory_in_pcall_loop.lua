-- attack: catch memory errors in a loop, hoping each pcall refunds its charge
-- expect: memory
return function(event)
  while true do
    pcall(function() local t = {} for i = 1, 1e9 do t[i] = i end end)
  end
end
