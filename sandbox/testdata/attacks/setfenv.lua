-- attack: setfenv to swap a function's environment for one with the attacker's globals
-- expect: runtime native access \(FFI\) is disabled: 'setfenv' is not available in the sandbox
return function(event)
  setfenv(1, {})
  return true
end
