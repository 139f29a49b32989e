-- Command lines of the classic reverse shells: an interactive shell wired
-- to a TCP socket through /dev/tcp, netcat -e, or a scripting one-liner.
local patterns = {
    [[(ba|z|da)?sh\s+-i\s*>&\s*/dev/tcp/]],
    [[\bnc(at)?\b.*\s-e\s+/bin/(ba)?sh]],
    [[python[23]?\s+-c\s+.*socket.*(subprocess|pty\.spawn)]],
    [[\bsocat\b.*exec:.*(ba)?sh]],
    [[perl\s+-e\s+.*socket.*exec]],
}

return {
    event_types = { 1 },
    severity = "critical",
    description = "reverse shell command line",
    match = function(event)
        local cmd = event:get_str("cmdline")
        if not cmd then
            return false
        end
        for _, p in ipairs(patterns) do
            if regex.match(p, cmd) then
                alert.emit("reverse_shell", "reverse shell: " .. cmd)
                return true
            end
        end
        return false
    end,
}
