-- attack: nested rep, each level under any single-call check
-- expect: memory
return function(event)
  local s = string.rep("x", 1000)
  s = string.rep(s, 1000)
  s = string.rep(s, 1000)
  return #s > 0
end
