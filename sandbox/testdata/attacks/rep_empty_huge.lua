-- attack: rep of the empty string a billion times (no memory, only work: lstrlib loops n times)
-- expect: instructions
return function(event)
  return string.rep("", 1e9) == ""
end
