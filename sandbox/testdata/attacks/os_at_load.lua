-- attack: reach os while the rule loads (module level), not in the predicate
-- expect: load native access \(FFI\) is disabled: 'os' is not available in the sandbox
local getenv = os.getenv
return function(event) return getenv("HOME") ~= nil end
