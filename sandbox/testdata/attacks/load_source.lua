-- attack: compile new code at run time with load
-- expect: runtime native access \(FFI\) is disabled: 'load' is not available in the sandbox
return function(event)
  local n = 0
  return load(function() n = n + 1; if n == 1 then return "return 1" end end)() == 1
end
