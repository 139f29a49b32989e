-- attack: keep state in a global between evaluations
-- expect: runtime attempt to modify a read-only table
return function(event)
  seen = (seen or 0) + 1
  return seen == 1
end
