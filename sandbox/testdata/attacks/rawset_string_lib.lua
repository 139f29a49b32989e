-- attack: rawset on the frozen string library
-- expect: runtime attempt to modify a read-only table
return function(event)
  rawset(string, "rep", function() return "" end)
  return true
end
