-- attack: string.format("%099999999d") (a 100 MB field width)
-- expect: runtime invalid format \(width or precision too long\)
return function(event)
  return #string.format("%099999999d", 1) > 0
end
