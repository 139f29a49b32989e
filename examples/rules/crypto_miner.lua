-- Cryptocurrency miners: known names, stratum URLs on the command line, or
-- connections to the usual pool ports by a busy process.
local names = { xmrig = true, minerd = true, cpuminer = true, ["kdevtmpfsi"] = true }
local pool_ports = { [3333] = true, [5555] = true, [7777] = true, [14444] = true, [45700] = true }

return {
    event_types = { 1, 3 },
    severity = "medium",
    description = "cryptocurrency mining",
    match = function(event)
        local t = event:type()
        if t == 1 then
            local name = event:get_str("name")
            local cmd = event:get_str("cmdline") or ""
            return (name ~= nil and names[name] ~= nil) or string.contains(cmd, "stratum+tcp://")
        end
        local port = event:get_i64("remote_port")
        local load = event:get_f64("cpu_load")
        return port ~= nil and pool_ports[port] == true and load ~= nil and load > 0.8
    end,
}
