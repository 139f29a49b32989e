-- attack: change math.pi / math.huge seen by later evaluations and rules
-- expect: runtime attempt to modify a read-only table
return function(event)
  math.pi = 3
  return true
end
