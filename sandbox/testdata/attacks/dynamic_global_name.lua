-- attack: build the forbidden name at run time to dodge a static check
-- expect: runtime native access \(FFI\) is disabled: 'io' is not available in the sandbox
return function(event)
  local name = "i" .. "o"
  return _G[name].popen("id") ~= nil
end
