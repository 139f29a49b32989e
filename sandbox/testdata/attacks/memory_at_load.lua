-- attack: exhaust memory while loading
-- expect: load not enough memory
local big = string.rep("x", 1e9)
return function(event) return true end
