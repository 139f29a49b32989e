-- Reads of password hashes and private keys by anything but the tools that
-- own them.
local owners = {
    ["/usr/sbin/sshd"] = true,
    ["/usr/bin/passwd"] = true,
    ["/usr/sbin/unix_chkpwd"] = true,
    ["/usr/bin/ssh"] = true,
    ["/usr/bin/ssh-agent"] = true,
    ["/usr/bin/ssh-add"] = true,
}

local secrets = {
    "/etc/shadow",
    "/etc/gshadow",
    "/root/.ssh/id_*",
    "/home/*/.ssh/id_*",
    "/home/*/.aws/credentials",
}

return {
    event_types = { 2 },
    severity = "high",
    description = "credential file read by an unexpected process",
    match = function(event)
        local path = event:get_str("file_path")
        if path == nil or string.endswith(path, ".pub") then
            return false
        end
        local exe = event:get_str("exe") or "?"
        if owners[exe] then
            return false
        end
        for _, glob in ipairs(secrets) do
            if string.glob_match(path, glob) then
                alert.emit("credential_read", exe .. " read " .. path)
                return true
            end
        end
        return false
    end,
}
