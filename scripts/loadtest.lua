-- wrk script for scripts/loadtest: requests rotate through the paths in LOADTEST_PATHS
-- (space-separated); at the end one RESULT line with the figures docs/operations.md reports.
local paths = {}
for path in string.gmatch(os.getenv("LOADTEST_PATHS") or "/", "%S+") do
  table.insert(paths, path)
end
local next_path = 0

request = function()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

done = function(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + e.status
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.1f median_ms=%.1f p99_ms=%.1f max_ms=%.1f " ..
    "errors=%d (connect %d, read %d, write %d, timeout %d, HTTP status >= 400 %d)\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors, e.connect, e.read, e.write, e.timeout, e.status))
end
