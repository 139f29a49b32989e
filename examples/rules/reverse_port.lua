-- A shell or scripting interpreter talking to a remote host on a port that
-- attack tooling likes (4444 is Metasploit's default).
local ports = { [4444] = true, [1337] = true, [31337] = true, [9001] = true }
local interpreters = { sh = true, bash = true, python3 = true, perl = true, nc = true, ncat = true }

return {
    event_types = { 3 },
    severity = "high",
    description = "interpreter connected to an attacker port",
    match = function(event)
        local port = event:get_i64(13)
        local name = event:get_str(3)
        if port and ports[port] and name and interpreters[name] then
            alert.emit("reverse_port", string.format("%s connected to %s:%d", name, event:get_str("remote_addr") or "?", port))
            return true
        end
        return false
    end,
}
