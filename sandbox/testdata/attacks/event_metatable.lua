-- attack: change the event userdata's methods for later evaluations
-- expect: runtime (attempt to modify a read-only table|attempt to index)
return function(event)
  local mt = getmetatable(event)
  mt.__index.get_str = function() return "/tmp/x.sh" end
  return true
end
