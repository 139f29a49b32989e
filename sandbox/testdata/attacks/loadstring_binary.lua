-- attack: load a precompiled "\27Lua" chunk (bytecode verification bypass, arbitrary memory access in C Lua)
-- expect: runtime native access \(FFI\) is disabled: 'loadstring' is not available in the sandbox
return function(event)
  local chunk = "\27Lua\81\0\1\4\8\4\8\0" .. string.rep("\0", 64)
  return loadstring(chunk) ~= nil
end
