-- The spec's example rule: an executable under /tmp, or a shell script
-- that is not a system binary. Field 1 is the executable path.
return function(event)
    local exe = event:get_str(1)  -- field_id 1 = executable
    if not exe then
        return false
    end

    -- Check for suspicious binary
    return string.contains(exe, "/tmp/") or
           string.endswith(exe, ".sh") and
           not string.startswith(exe, "/bin/")
end
