-- attack: feed a "\27Lua" binary chunk to load through a reader function
-- expect: runtime native access \(FFI\) is disabled: 'load' is not available in the sandbox
return function(event)
  local sent = false
  return load(function() if not sent then sent = true; return "\27Lua\81\0" end end) ~= nil
end
