-- attack: CVE-2022-0543 (Redis): open a C library through a leftover package.loadlib
-- expect: runtime native access \(FFI\) is disabled: 'package' is not available in the sandbox
return function(event)
  local f = package.loadlib("/usr/lib/x86_64-linux-gnu/liblua5.1.so.0", "luaopen_io")
  return f ~= nil
end
