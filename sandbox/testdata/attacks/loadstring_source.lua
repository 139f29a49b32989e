-- attack: compile new code at run time with loadstring
-- expect: runtime native access \(FFI\) is disabled: 'loadstring' is not available in the sandbox
return function(event)
  return loadstring("return os")() ~= nil
end
