-- An interactive-less process whose executable is a hidden file (a name
-- starting with a dot), run by a non-root user.
return {
    event_types = { 1 },
    severity = "medium",
    description = "hidden executable",
    match = function(event)
        local exe = event:get_str("exe")
        if exe == nil or event:get_bool("interactive") then
            return false
        end
        return string.glob_match(exe, "*/.*") and (event:get_i64("uid") or 0) ~= 0
    end,
}
