-- attack: reach the registry, upvalues and locals of other functions through debug
-- expect: runtime native access \(FFI\) is disabled: 'debug' is not available in the sandbox
return function(event)
  return debug.getregistry() ~= nil
end
