-- Division by zero, nan and negative zero through arithmetic, keys and formatting.
local z, one, m = 0, 1, -1
print(one % z, m % z, z % z, one / z, m / z, z / z, math.fmod(one, z), math.fmod(m, z), math.fmod(z, z))
print(math.fmod(5, math.huge), math.fmod(-5, math.huge), math.fmod(math.huge, 2))
local nz = -z
local t = {}
t[z] = "zero"
print(t[nz], t[-z], rawget(t, nz), nz == z, 1/nz)
t[nz] = "negzero"
print(t[0], #t)
print(math.max(nz, z), math.min(z, nz), math.abs(nz), math.floor(nz), math.ceil(-0.5), nz + 0, nz - 0, nz * 1)
print(string.format("%d %g %.1f %5.0f", nz, nz, nz, nz), tostring(nz), nz .. "")
print(2^63 == 2^63 + 1, math.floor(2^62) == 2^62, math.floor(2^70), math.ceil(-2^70))
