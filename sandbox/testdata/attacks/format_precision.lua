-- attack: a huge precision
-- expect: runtime invalid format
return function(event)
  return #string.format("%.99999999f", 1) > 0
end
