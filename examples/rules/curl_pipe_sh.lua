-- A download piped straight into a shell: curl ... | sh, wget -O- ... | bash.
return {
    event_types = { 1 },
    severity = "high",
    description = "remote script piped into a shell",
    match = function(event)
        local cmd = event:get_str("cmdline")
        return cmd ~= nil
            and (string.contains(cmd, "curl") or string.contains(cmd, "wget"))
            and regex.match([[(curl|wget)\s[^|]*\|\s*(sudo\s+)?(ba|da|z)?sh\b]], cmd)
    end,
}
