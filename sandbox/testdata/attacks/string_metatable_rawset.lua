-- attack: rawset the string metatable's __index (no metamethod to stop it)
-- expect: runtime attempt to modify a read-only table
return function(event)
  rawset(getmetatable(""), "__index", {})
  return true
end
