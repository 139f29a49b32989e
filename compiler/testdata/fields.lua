-- Event field accessors: with Optimize, NAME:accessor(K) on a local of the
-- current function is one FIELD instruction yielding exactly one value.
return function(ev, other)
  local exe = ev:get_str(1)
  local pid, uid = ev:get_i64(2), ev:get_u64(3)
  local all = {ev:get_f64(4)}          -- one value, not a multi-value call
  print(ev:get_bool(5), ev:has_field(6))
  ev:get_str(1)                        -- a statement: an ordinary call
  local f = function() return ev:get_str(1) end  -- upvalue: ordinary call
  local g = other.ev:get_str(1)        -- not a local: ordinary call
  return ev:get_bytes(6)
end
