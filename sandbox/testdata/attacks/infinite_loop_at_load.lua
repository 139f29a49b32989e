-- attack: an infinite loop in the main chunk (loading runs under the same budget)
-- expect: load instruction limit exceeded
while true do end
return function(event) return true end
