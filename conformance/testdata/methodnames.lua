-- Methods named like the event accessors are ordinary methods on ordinary
-- values: without a schema (and with no event involved) a script calling
-- them must behave as in Lua 5.1.
local o = {get_str = function(self, k) return "str " .. k end, get_i64 = function(self, k) return k * 2 end,
  has_field = function(self, k) return k == "x" end}
print(o:get_str("exe"), o:get_str(1), o:get_i64(21), o:has_field("x"), o:has_field("y"))
local s = "abc"
print(pcall(function() return s:get_str("name") end))
