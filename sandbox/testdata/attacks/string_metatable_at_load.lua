-- attack: the same while the rule loads
-- expect: load attempt to modify a read-only table
getmetatable("").__index = {upper = function() return "pwned" end}
return function(event) return true end
