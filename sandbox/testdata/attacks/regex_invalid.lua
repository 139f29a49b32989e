-- attack: an invalid regular expression
-- expect: runtime
return function(event)
  return regex.match("(", "x")
end
