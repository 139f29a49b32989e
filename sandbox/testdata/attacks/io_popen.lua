-- attack: run a shell command through io.popen
-- expect: runtime native access \(FFI\) is disabled: 'io' is not available in the sandbox
return function(event)
  return io.popen("id"):read("*a") ~= ""
end
