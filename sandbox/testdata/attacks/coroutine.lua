-- attack: coroutines (a second stack outside the C-call count)
-- expect: runtime native access \(FFI\) is disabled: 'coroutine' is not available in the sandbox
return function(event)
  return coroutine.wrap(function() return true end)()
end
