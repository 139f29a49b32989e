-- attack: force collections (a denial of service for every other evaluation of the host)
-- expect: runtime native access \(FFI\) is disabled: 'collectgarbage' is not available in the sandbox
return function(event)
  for i = 1, 1000 do collectgarbage("collect") end
  return true
end
