-- attack: read and run a host file with dofile
-- expect: runtime native access \(FFI\) is disabled: 'dofile' is not available in the sandbox
return function(event)
  return dofile("/etc/passwd") ~= nil
end
