-- Execution from memory-backed or world-writable scratch directories, a
-- favourite of droppers that want to leave nothing on disk.
local writable = { "/dev/shm/*", "/var/tmp/*", "/run/user/*/.*" }

return {
    event_types = { 1 },
    severity = "high",
    description = "process executed from /dev/shm, /var/tmp or a hidden runtime directory",
    match = function(event)
        local exe = event:get_str("exe")
        if exe == nil then
            return false
        end
        for i = 1, #writable do
            if string.glob_match(exe, writable[i]) then
                alert.emit("shm_exec", "executed " .. exe)
                return true
            end
        end
        return false
    end,
}
