-- attack: run a shell command through os.execute
-- expect: runtime native access \(FFI\) is disabled: 'os' is not available in the sandbox
return function(event)
  return os.execute("touch /tmp/pwned") == 0
end
