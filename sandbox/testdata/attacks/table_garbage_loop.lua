-- attack: allocate tables that immediately become garbage (charges are never refunded)
-- expect: memory
return function(event)
  for i = 1, 1e9 do local t = {i, i, i} end
  return true
end
