-- Methods with self, tail calls, recursion, string constants and folding.
local Account = {}
Account.__index = Account
function Account.new(balance) local o = {balance = balance}; o.__index = nil; return o end
function Account:deposit(v) self.balance = self.balance + v; return self end
function Account:get() return self.balance end
local acc = Account.new(10)
acc.deposit, acc.get = Account.deposit, Account.get
acc:deposit(5):deposit(7)
local function loop(n, acc2) if n == 0 then return acc2 end return loop(n - 1, acc2 + 1) end
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local big = 9223372036854775807
return acc:get(), loop(100000, 0), fib(15), 2 ^ 10, 1 + 2 * 3, 7 / 2, -7 % 3, big + 1, "x" .. 1 .. 2.5
