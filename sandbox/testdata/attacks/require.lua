-- attack: load a host module with require
-- expect: runtime native access \(FFI\) is disabled: 'require' is not available in the sandbox
return function(event)
  return require("os") ~= nil
end
