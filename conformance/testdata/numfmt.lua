-- Number to string conversion over many magnitudes (%.14g), and
-- string.format conversions over the same values.
local x = 1.0
local out = {}
for i = 1, 120 do
  out[#out + 1] = tostring(x) .. " " .. tostring(-x / 3)
  x = x * 13.37
end
print(table.concat(out, "\n"))
---
local y = 1.0
for i = 1, 80 do
  y = y / 7.3
  io.write(tostring(y), " ", string.format("%.3g %.10e %g %.0e", y, y, y * 1e5, y), "\n")
end
---
local fmts = {"%5.2f", "%.0f", "%10.4f", "%-12.6e", "%+g", "%#g", "%.1g", "%.17g", "%G", "%#.0f", "%08.3f", "% .5e"}
local vals = {0, 0.5, 1.5, 2.5, -2.5, 1/3, 2/3, 123456.789, 1e-5, 1e-300, 1e300, 2^53, -2^63, 0.1 + 0.2, 100, 1e15, 1e16, 99.995, 0.045, 1.005}
for _, f in ipairs(fmts) do
  local row = {}
  for _, v in ipairs(vals) do row[#row + 1] = string.format(f, v) end
  print(f, table.concat(row, "|"))
end
---
-- Integers through %d, %x, %o, %c-free widths.
local ints = {0, 1, -1, 7, 42, 255, 256, 65535, 2147483647, -2147483648, 4294967295, 2^40, -2^40, 2^53, 123456789}
for _, f in ipairs({"%d", "%5d", "%-5d|", "%05d", "%+d", "%x", "%X", "%#x", "%o", "%#o", "%i", "%u"}) do
  local row = {}
  for _, v in ipairs(ints) do row[#row + 1] = string.format(f, v) end
  print(f, table.concat(row, " "))
end
---
-- String to number over many forms.
local strs = {"0", "-0", "1", "-1", "1.5", ".5", "5.", "1e10", "1E-10", "0x10", "0XfF", "  12  ", "1e308", "1e309", "-1e309",
  "4.9e-324", "2.2250738585072014e-308", "0.1", "00012", "1e+2", "3.14159265358979323846"}
for _, s in ipairs(strs) do io.write(s, "=", tostring(tonumber(s)), " ") end
print()
