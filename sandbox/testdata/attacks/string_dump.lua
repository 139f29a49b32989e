-- attack: turn a function into bytecode with string.dump (to patch and reload it)
-- expect: runtime native access \(FFI\) is disabled: 'string.dump' is not available in the sandbox
return function(event)
  return #string.dump(function() return 1 end) > 0
end
