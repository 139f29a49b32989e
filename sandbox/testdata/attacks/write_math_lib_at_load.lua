-- attack: change math.max while loading (the library tables are shared by all rules)
-- expect: load attempt to modify a read-only table
math.max = function() return 0 end
return function(event) return true end
