-- attack: compile a host file with loadfile
-- expect: runtime native access \(FFI\) is disabled: 'loadfile' is not available in the sandbox
return function(event)
  return loadfile("/etc/passwd") ~= nil
end
