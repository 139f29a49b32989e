-- attack: replace the shared string metatable's __index so ("x"):upper() runs attacker code in every rule
-- expect: runtime attempt to modify a read-only table
return function(event)
  getmetatable("").__index = function(s, k) return function() return "pwned" end end
  return true
end
