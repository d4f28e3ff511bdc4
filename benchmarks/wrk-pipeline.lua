-- wrk script for run-e2e.sh http: every write carries DEPTH requests for "/" (HTTP/1.1 pipelining);
-- wrk counts each response. Usage: wrk ... -s benchmarks/wrk-pipeline.lua http://host:port/ -- DEPTH
local batch

function init(args)
    local depth = tonumber(args[1] or "16")
    local parts = {}
    for i = 1, depth do
        parts[i] = wrk.format("GET", "/")
    end
    batch = table.concat(parts)
end

function request()
    return batch
end
