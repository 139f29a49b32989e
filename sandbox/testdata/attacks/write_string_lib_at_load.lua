-- attack: the same at load time, before the rule is frozen
-- expect: load attempt to modify a read-only table
string.contains = function() return true end
return function(event) return true end
