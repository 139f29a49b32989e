-- attack: none: a well-behaved rule (the control)
-- expect: result true
return function(event)
  return string.upper("abc") == "ABC" and math.max(1, 2) == 2 and ("x"):rep(3) == "xxx"
end
