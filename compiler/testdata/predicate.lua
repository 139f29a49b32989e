return function(event)
    local exe = event:get_str(1)
    if not exe then
        return false
    end
    return string.contains(exe, "/tmp/") or
           string.endswith(exe, ".sh") and
           not string.startswith(exe, "/bin/")
end
