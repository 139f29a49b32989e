-- attack: reach string.dump through the string metatable, ("").dump
-- expect: runtime native access \(FFI\) is disabled: 'string.dump' is not available in the sandbox
return function(event)
  local s = ""
  return s.dump(function() end) ~= nil
end
