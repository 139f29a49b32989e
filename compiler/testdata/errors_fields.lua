-- Event field sites NAME:accessor(K) with a local receiver, compiled with the
-- test schema (exe string, pid i64, uid u64, score f64, root bool,
-- packet bytes). These are kestrel-lua's own errors: Lua 5.1 has no events.
return function(ev) return ev:get_str("exe"), ev:get_i64("pid"), ev:get_u64(3) end
---
return function(ev)
  return ev:get_str("nope") -- ### "unknown event field 'nope'"
end
---
return function(ev)
  return ev:get_i64("exe") -- ### "event field 1 'exe' has type string, but get_i64 reads i64"
end
---
return function(ev)
  local x = ev:get_str(2) -- ### "event field 2 'pid' has type i64, but get_str reads string"
end
---
-- has_field accepts every type.
return function(ev) return ev:has_field("pid"), ev:has_field(6), ev:get_bytes("packet") end
---
-- An id the schema does not know is an absent field, not an error.
return function(ev) return ev:get_u64(99) end
---
-- The receiver may be an upvalue: names are still resolved and checked.
return function(ev)
  return function()
    return ev:get_bool("score") -- ### "event field 4 'score' has type f64, but get_bool reads bool"
  end
end
---
-- Not a field site: the receiver is a global, so the string is passed as is.
return function() return ev:get_str("anything") end
