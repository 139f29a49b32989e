-- attack: rawset on the frozen global table
-- expect: runtime attempt to modify a read-only table
return function(event)
  rawset(_G, "print", function() end)
  return true
end
