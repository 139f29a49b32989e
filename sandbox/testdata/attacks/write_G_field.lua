-- attack: keep state in _G between evaluations
-- expect: runtime attempt to modify a read-only table
return function(event)
  _G.count = (_G.count or 0) + 1
  return _G.count > 1
end
