-- Function definitions: methods, nested names, self.
local obj = {name = "o", inner = {}}
function obj.greet(greeting) return greeting .. "!" end
function obj:who() return self.name end
function obj.inner.deep(x) return x * 2 end
function obj.inner:me() return self == obj.inner end
print(obj.greet("hi"), obj:who(), obj.who({name = "other"}), obj.inner.deep(21), obj.inner:me())
local Account = {}
Account.__index = Account
function Account.new(balance) return setmetatable({balance = balance}, Account) end
function Account:deposit(v) self.balance = self.balance + v return self end
function Account:get() return self.balance end
print(Account.new(10):deposit(5):deposit(2.5):get())
---
-- Multiple results adjust to one in the middle of a list and in parentheses.
local function mr() return 1, 2, 3 end
local function none() end
print(mr(), mr())
print((mr()))
print(mr(), "end")
print(none(), none())
print((none()))
print(#{mr(), mr()}, #{(mr())}, #{none()})
local t = {}
t.a, t.b, t.c = mr()
print(t.a, t.b, t.c)
local x, y = none()
print(x, y)
print(select("#", none()), select("#", (none())), select("#", nil))
---
-- Call syntax sugar: string and table arguments.
local function id(...) return ... end
print(id"str", id[[long]], type(id{}), #id{1, 2, 3})
print(("%s-%s"):format("a", "b"), #("abc"):rep(2))
---
-- Proper tail calls do not grow the stack.
local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + 1) end
print(loop(200000, 0))
local function a(n) if n == 0 then return "a" end return (function(m) return a(m) end)(n - 1) end
print(a(100))
local function ping(n) if n == 0 then return "ping" end return pong(n - 1) end
function pong(n) if n == 0 then return "pong" end return ping(n - 1) end
print(ping(100001))
---
-- Deep (non-tail) recursion works up to Lua's limits.
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(5000))
---
-- Stack overflow is an error, caught by pcall, with Lua's message.
local function rec(n) return 1 + rec(n + 1) end
print(pcall(rec, 1))
local function f() return f() + 0 end
print(pcall(f))
---
-- Metamethod recursion overflows the C stack in 5.1.
local t = setmetatable({}, {__index = function(t, k) return t[k] end})
print(pcall(function() return t.x end))
---
-- Arguments: missing ones are nil, extra ones dropped.
local function three(a, b, c) return a, b, c end
print(three(1))
print(three(1, 2, 3, 4))
local function count(...) return select("#", ...) end
print(count(three(1)), count(three()))
---
-- __call values.
local c = setmetatable({}, {__call = function(self, x) return "called with " .. tostring(x) end})
print(c(5), c())
local bad = setmetatable({}, {__call = 42})
print(pcall(function() return bad() end))
---
local notfn = 42
notfn() -- ### "attempt to call local 'notfn' \(a number value\)"
