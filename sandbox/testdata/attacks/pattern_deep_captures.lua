-- attack: more captures than the 32 lstrlib allows
-- expect: runtime too many captures
return function(event)
  return string.find("x", string.rep("(", 40) .. "x" .. string.rep(")", 40)) ~= nil
end
