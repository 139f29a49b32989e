-- attack: flood alerts (only MaxAlertsPerEvaluation are kept, the rest are counted)
-- expect: result true
-- alerts: 64 dropped: 99936
return function(event)
  for i = 1, 100000 do alert.emit("flood", "alert") end
  return true
end
