-- attack: debug.setmetatable(nil, ...) / debug.sethook to change every value's behaviour
-- expect: runtime native access \(FFI\) is disabled: 'debug' is not available in the sandbox
return function(event)
  debug.sethook(function() end, "l")
  return debug.setmetatable(nil, {__index = function() return true end}) ~= nil
end
