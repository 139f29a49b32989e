-- attack: a module-level table used as a counter across evaluations (frozen after load)
-- expect: runtime attempt to modify a read-only table
local state = {n = 0}
return function(event)
  state.n = state.n + 1
  return state.n == 1
end
