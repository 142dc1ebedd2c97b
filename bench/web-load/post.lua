-- wrk script: POST the file named by BODY_FILE with the content type CONTENT_TYPE, and print one summary line.
wrk.method = "POST"
wrk.headers["Content-Type"] = os.getenv("CONTENT_TYPE") or "text/plain"
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.body = f:read("*a")
f:close()

-- With DELAY_MS set, each connection waits that long between requests: connections * 1000 / DELAY_MS is the
-- highest rate it can reach (a paced run, e.g. 20 connections at 10 ms for at most 2,000 requests/s).
local pause = tonumber(os.getenv("DELAY_MS") or "")
if pause and pause > 0 then
  delay = function() return pause end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local non2xx = summary.errors.status
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    non2xx, socket))
end
