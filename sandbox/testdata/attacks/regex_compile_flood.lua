-- attack: compile a new small-but-expanding regex on every call (a{1000}b{1000}c{1000} is 21 bytes but 3000 states), defeating the shared cache
-- expect: instructions|memory
-- budget: instructions=10000
return function(event)
  local i = 0
  while true do
    i = i + 1
    regex.match("a{1000}b{1000}c{1000}" .. i, "b")
  end
end
