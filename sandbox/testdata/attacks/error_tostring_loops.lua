-- attack: an error object whose __tostring never returns (the host must not run it outside the budget)
-- expect: runtime .
return function(event)
  error(setmetatable({}, {__tostring = function() while true do end end}))
end
