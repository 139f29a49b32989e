-- attack: replace table.concat for later evaluations
-- expect: runtime attempt to modify a read-only table
return function(event)
  table.concat = function() return "pwned" end
  return true
end
