-- attack: an error object whose __tostring raises (the host must still get a printable error)
-- expect: runtime .
return function(event)
  error(setmetatable({}, {__tostring = function() error("boom from __tostring") end}))
end
