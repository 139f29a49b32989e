-- attack: select with a huge negative index
-- expect: runtime bad argument #1 to 'select' \(index out of range\)
return function(event)
  return select(-1e9, 1, 2, 3) ~= nil
end
