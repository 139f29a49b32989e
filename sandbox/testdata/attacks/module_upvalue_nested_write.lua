-- attack: the same through a nested closure
-- expect: load attempt to modify module-level variable 'last'
local last
local function remember(x) last = x end
return function(event)
  remember(event:type())
  return last ~= nil
end
