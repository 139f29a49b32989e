-- attack: newproxy(true) for a userdata with a writable shared metatable
-- expect: runtime native access \(FFI\) is disabled: 'newproxy' is not available in the sandbox
return function(event)
  return getmetatable(newproxy(true)) ~= nil
end
