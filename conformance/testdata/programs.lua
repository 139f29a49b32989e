-- Whole programs: a class system, a serializer, word counting, a tiny
-- expression evaluator, a memoised recursion and a queue.
local Class = {}
Class.__index = Class
function Class:extend(name)
  local cls = setmetatable({name = name}, {__index = self, __call = function(c, ...) return c:new(...) end})
  cls.__index = cls
  cls.__tostring = function(o) return cls.name .. "(" .. o:describe() .. ")" end
  return cls
end
function Class:new(...)
  local o = setmetatable({}, self)
  o:init(...)
  return o
end
local Shape = Class:extend("Shape")
function Shape:init(n) self.n = n end
function Shape:area() return 0 end
function Shape:describe() return string.format("%s, area %.2f", self.n, self:area()) end
local Rect = Shape:extend("Rect")
function Rect:init(w, h) Shape.init(self, "rect") self.w, self.h = w, h end
function Rect:area() return self.w * self.h end
local Circle = Shape:extend("Circle")
function Circle:init(r) Shape.init(self, "circle") self.r = r end
function Circle:area() return math.pi * self.r ^ 2 end
local shapes = {Rect(3, 4), Circle(1), Rect(2.5, 2), Circle(0.5), Shape("blob")}
table.sort(shapes, function(a, b) return a:area() < b:area() end)
for i, s in ipairs(shapes) do print(i, tostring(s)) end
local total = 0
for _, s in ipairs(shapes) do total = total + s:area() end
print(string.format("total %.6f", total))
---
-- A deterministic serializer (keys sorted by type then value).
local function serialize(v, indent)
  indent = indent or ""
  local t = type(v)
  if t == "string" then return string.format("%q", v)
  elseif t == "number" or t == "boolean" or t == "nil" then return tostring(v)
  elseif t == "table" then
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b)
      if type(a) ~= type(b) then return type(a) < type(b) end
      return a < b
    end)
    local parts = {}
    for _, k in ipairs(keys) do
      local ks = type(k) == "string" and k:match("^[%a_][%w_]*$") and k or "[" .. serialize(k) .. "]"
      parts[#parts + 1] = indent .. "  " .. ks .. " = " .. serialize(v[k], indent .. "  ")
    end
    return "{\n" .. table.concat(parts, ",\n") .. "\n" .. indent .. "}"
  end
  return "<" .. t .. ">"
end
print(serialize({1, 2, {x = 1, y = {true, false}}, name = "n\"q", [10] = 1.5, ["with space"] = -0.25, f = print}))
---
-- Word frequencies, sorted by count then word.
local text = [[the quick brown fox jumps over the lazy dog the fox
barks and the dog sleeps; quick quick slow. The END, the end!]]
local counts = {}
for w in text:lower():gmatch("%a+") do counts[w] = (counts[w] or 0) + 1 end
local words = {}
for w, c in pairs(counts) do words[#words + 1] = {w = w, c = c} end
table.sort(words, function(a, b) if a.c ~= b.c then return a.c > b.c end return a.w < b.w end)
for i = 1, 6 do io.write(words[i].w, "=", words[i].c, " ") end
print(#words)
print((text:gsub("%s+", " ")))
print(text:gsub("(%a+)", function(w) if #w > 4 then return w:upper() end end))
---
-- A recursive-descent evaluator for + - * / ^ and parentheses.
local function evaluate(src)
  local pos = 1
  local function skip() pos = src:find("%S", pos) or #src + 1 end
  local expr
  local function atom()
    skip()
    local c = src:sub(pos, pos)
    if c == "(" then
      pos = pos + 1
      local v = expr()
      skip()
      if src:sub(pos, pos) ~= ")" then error("expected ) at " .. pos, 0) end
      pos = pos + 1
      return v
    elseif c == "-" then
      pos = pos + 1
      return -atom()
    end
    local num = src:match("^%d+%.?%d*", pos)
    if not num then error("unexpected '" .. c .. "' at " .. pos, 0) end
    pos = pos + #num
    return tonumber(num)
  end
  local function power()
    local b = atom()
    skip()
    if src:sub(pos, pos) == "^" then pos = pos + 1 return b ^ power() end
    return b
  end
  local function term()
    local v = power()
    while true do
      skip()
      local op = src:sub(pos, pos)
      if op == "*" then pos = pos + 1 v = v * power()
      elseif op == "/" then pos = pos + 1 v = v / power()
      else return v end
    end
  end
  function expr()
    local v = term()
    while true do
      skip()
      local op = src:sub(pos, pos)
      if op == "+" then pos = pos + 1 v = v + term()
      elseif op == "-" then pos = pos + 1 v = v - term()
      else return v end
    end
  end
  local v = expr()
  skip()
  if pos <= #src then error("trailing input at " .. pos, 0) end
  return v
end
for _, e in ipairs({"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-2 ^ 2", "10 / 4 - 1.5", "((7))", "1 +", "2 * (3", "4 $ 4", "1.5 * 4"}) do
  print(e, pcall(evaluate, e))
end
---
-- Memoisation with a table keyed by arguments, and a queue of closures.
local memo = {}
local function ways(n, k)
  if n == 0 then return 1 end
  if n < 0 or k == 0 then return 0 end
  local key = n .. "," .. k
  if memo[key] then return memo[key] end
  local r = ways(n - k, k) + ways(n, k - 1)
  memo[key] = r
  return r
end
print(ways(10, 10), ways(50, 50), ways(100, 100))
local queue = {first = 1, last = 0}
local function push(f) queue.last = queue.last + 1 queue[queue.last] = f end
local function pop() local f = queue[queue.first] queue[queue.first] = nil queue.first = queue.first + 1 return f end
local log = {}
for i = 1, 5 do push(function() log[#log + 1] = i * i if i % 2 == 0 then push(function() log[#log + 1] = -i end) end end) end
while queue.first <= queue.last do pop()() end
print(table.concat(log, " "))
