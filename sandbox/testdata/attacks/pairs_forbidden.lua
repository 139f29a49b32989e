-- attack: enumerate the globals and every library looking for a leftover host function
-- expect: result true
local allowed = {
  _G = true, _VERSION = true, assert = true, error = true, getmetatable = true, ipairs = true,
  next = true, pairs = true, pcall = true, print = true, rawequal = true, rawget = true, rawset = true,
  select = true, setmetatable = true, tonumber = true, tostring = true, type = true, unpack = true,
  xpcall = true, string = true, table = true, math = true, regex = true, alert = true,
}
return function(event)
  for k in pairs(_G) do
    if not allowed[k] then error("unexpected global " .. tostring(k)) end
  end
  return true
end
