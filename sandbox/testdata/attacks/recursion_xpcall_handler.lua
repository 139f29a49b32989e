-- attack: an xpcall handler that raises again (error in error handling)
-- expect: result true
return function(event)
  local function h(e) error("again") end
  local ok, err = xpcall(function() error("first") end, h)
  return ok == false
end
