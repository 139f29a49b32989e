-- Writes to the dynamic linker's preload list: a rootkit persistence trick.
return {
    event_types = { 2 },
    severity = "critical",
    description = "write to /etc/ld.so.preload",
    match = function(event)
        return event:get_bool("file_write") == true and event:get_str("file_path") == "/etc/ld.so.preload"
    end,
}
