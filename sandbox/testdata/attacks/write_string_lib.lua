-- attack: replace string.find in one evaluation so that the next (or another rule) runs attacker code
-- expect: runtime attempt to modify a read-only table
return function(event)
  string.find = function() return 1, 1 end
  return true
end
