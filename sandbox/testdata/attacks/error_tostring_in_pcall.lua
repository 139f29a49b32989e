-- attack: tostring of a caught error object whose __tostring raises
-- expect: runtime boom
return function(event)
  local ok, e = pcall(error, setmetatable({}, {__tostring = function() error("boom", 0) end}))
  return tostring(e) ~= nil
end
