-- attack: learn Go heap addresses through tostring (an ASLR bypass for a second-stage exploit)
-- expect: result true
return function(event)
  for _, v in ipairs({{}, print, string.rep, function() end, event, getmetatable(""), _G, string}) do
    local hex = tostring(v):match("0x(%x+)$") or tostring(v):match("^%a+: (%x+)$")
    if hex == nil or #hex > 8 then error("unexpected tostring " .. tostring(v)) end
  end
  return true
end
