-- generated program, seed 383
local function N(x)
  if type(x) == "number" and x == x and x ~= 1/0 and x ~= -1/0 and (x >= 1e14 or x <= -1e14) then
    return string.format("%.14g", x)
  end
  return x
end
local function S(x)
  local t = type(x)
  if t == "table" or t == "function" then return t end
  if t == "number" then return N(x) end
  return tostring(x)
end
local function E(f, ...)
  local r = {pcall(f, ...)}
  for i = 1, table.maxn(r) do r[i] = S(r[i]) end
  print(unpack(r, 1, table.maxn(r)))
end
do -- arith
  local a, b, c, d = 0, 1000, 100, -7
  print(N(math.fmod(d, d)), N(d % d))
end
