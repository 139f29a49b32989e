-- attack: rawget bypasses the guard metamethod; nothing forbidden is stored, so it finds nothing
-- expect: result true
return function(event)
  for _, name in ipairs({"io", "os", "debug", "load", "loadstring", "dofile", "loadfile", "require",
                         "package", "module", "getfenv", "setfenv", "collectgarbage", "gcinfo",
                         "newproxy", "coroutine"}) do
    if rawget(_G, name) ~= nil then return false end
  end
  return rawget(string, "dump") == nil
end
