-- attack: an infinite loop inside pcall: the limit error must pass through pcall
-- expect: instructions
return function(event)
  local ok = pcall(function() while true do end end)
  return true -- must never be reached
end
