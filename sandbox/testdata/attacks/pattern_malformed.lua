-- attack: a pattern ending in an escape character
-- expect: runtime malformed pattern
return function(event)
  return string.find("abc", "%") ~= nil
end
