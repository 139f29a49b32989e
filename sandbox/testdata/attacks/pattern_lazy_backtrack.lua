-- attack: nested lazy quantifiers over a long subject
-- expect: instructions
return function(event)
  local s = string.rep("x", 5000)
  return string.match(s, ".-.-.-.-.-.-y") ~= nil
end
