-- attack: the same inside pcall (the memory error must pass through)
-- expect: memory
return function(event)
  local ok = pcall(string.rep, "x", 1e9)
  return not ok
end
