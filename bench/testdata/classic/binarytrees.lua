-- Binary trees: allocation of many small tables and recursive traversal.
local function bottom_up(depth)
  if depth == 0 then return {} end
  depth = depth - 1
  return { bottom_up(depth), bottom_up(depth) }
end

local function check(tree)
  if tree[1] then
    return 1 + check(tree[1]) + check(tree[2])
  end
  return 1
end

local maxdepth = 8
local total = check(bottom_up(maxdepth + 1))
local long_lived = bottom_up(maxdepth)
for depth = 4, maxdepth, 2 do
  local iters = 2 ^ (maxdepth - depth + 4)
  local c = 0
  for _ = 1, iters do
    c = c + check(bottom_up(depth))
  end
  total = total + c
end
return total + check(long_lived)
