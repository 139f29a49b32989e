-- Upvalues across levels, varargs, methods, tail calls.
local x, y = 1, 2
local function outer(a, ...)
  local z = 3
  local function mid(b)
    local function inner() return x + y + z + a + b end
    x = x + 1
    return inner
  end
  local n = select('#', ...)
  return mid, n, ...
end
local obj = {}
function obj:get() return self.v end
function obj.new(v, ...) local o = {v = v, ...}; return o end
local function va(...) local a, b = ...; return a, b end
local function noargs(...) return arg end
return outer(1, 2, 3)
