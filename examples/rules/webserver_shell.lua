-- A shell whose parent is a web server or a database: the signature of a
-- web shell or of SQL command execution.
local servers = {
    nginx = true, apache2 = true, httpd = true, ["php-fpm"] = true,
    postgres = true, mysqld = true, node = true, java = true,
}
local shells = { sh = true, bash = true, dash = true, zsh = true }

local function basename(path)
    return (string.match(path, "([^/]+)$")) or path
end

return {
    event_types = { 1 },
    severity = "high",
    description = "shell spawned by a network service",
    match = function(event)
        local parent = event:get_str("parent_exe")
        local exe = event:get_str("exe")
        if parent == nil or exe == nil then
            return false
        end
        if servers[basename(parent)] and shells[basename(exe)] then
            alert.emit("webserver_shell", basename(parent) .. " spawned " .. exe)
            return true
        end
        return false
    end,
}
