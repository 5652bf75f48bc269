-- wrk script for bench/pages.py: cycle through a list of paths and print the
-- figures as one JSON line that bench/pages.py reads.
--
--   wrk -s bench/wrk_paths.lua http://127.0.0.1:8000 -- paths.txt
--
-- paths.txt holds one path per line (e.g. /fr/releases/bench-12-fr/), optionally
-- followed by a tab and the ETag to send in If-None-Match (the 304 path). Each
-- thread starts at a different place in the list, so every path is requested
-- about as often as the others whatever the number of threads.

local counter = 0

function setup(thread)
  thread:set("thread_number", counter)
  counter = counter + 1
end

local requests = {}
local position = 0

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot read the list of paths " .. tostring(args[1]))
  for line in file:lines() do
    if line ~= "" then
      local path, etag = line:match("^([^\t]+)\t(.+)$")
      if path then
        requests[#requests + 1] = wrk.format("GET", path, {["If-None-Match"] = etag})
      else
        requests[#requests + 1] = wrk.format("GET", line)
      end
    end
  end
  file:close()
  assert(#requests > 0, "the list of paths is empty")
  position = (thread_number or 0) % #requests
end

function request()
  position = position % #requests + 1
  return requests[position]
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_us": {"min": %d, "mean": %.1f, "stdev": %.1f, "max": %d, ' ..
    '"p50": %d, "p90": %d, "p95": %d, "p99": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99)))
end
