-- A non-root process gaining effective uid 0 without a known setuid helper.
local helpers = {
    ["/usr/bin/sudo"] = true,
    ["/usr/bin/su"] = true,
    ["/usr/bin/passwd"] = true,
    ["/usr/bin/pkexec"] = true,
    ["/usr/bin/newgrp"] = true,
}

return {
    event_types = { 4 },
    severity = "critical",
    description = "unexpected privilege escalation to root",
    match = function(event)
        local uid, euid = event:get_i64("uid"), event:get_i64("euid")
        if uid == nil or euid == nil or uid == 0 or euid ~= 0 then
            return false
        end
        local exe = event:get_str("exe") or "?"
        if helpers[exe] then
            return false
        end
        alert.emit("setuid_root", string.format("%s (pid %d) uid %d -> euid 0", exe, event:get_i64("pid") or -1, uid))
        return true
    end,
}
