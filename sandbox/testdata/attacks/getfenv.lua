-- attack: getfenv(0) to get the thread's global table (shared by every rule)
-- expect: runtime native access \(FFI\) is disabled: 'getfenv' is not available in the sandbox
return function(event)
  return getfenv(0) ~= nil
end
