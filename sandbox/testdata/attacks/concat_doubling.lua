-- attack: double a string with .. until it is huge
-- expect: memory
return function(event)
  local s = "x"
  while true do s = s .. s end
end
