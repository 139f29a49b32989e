-- attack: probe the forbidden names inside pcall; every probe fails and the rule keeps no handle
-- expect: result true
return function(event)
  local ok1 = pcall(function() return io end)
  local ok2 = pcall(function() return os.execute end)
  local ok3 = pcall(function() return string.dump end)
  return not ok1 and not ok2 and not ok3
end
