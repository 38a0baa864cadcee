-- wrk script: every request is a new web signature (a new person), as at a campaign peak.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local thread_id = 0
local counter = 0
setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
request = function()
  counter = counter + 1
  local id = string.format("%d-%d-%d", tid or 0, counter, math.random(1, 1000000000))
  local body = '{"submissionId":"bench-' .. id .. '","email":"bench-' .. id .. '@example.org",' ..
      '"postalCode":"9000","language":"nl","consent":false}'
  return wrk.format(nil, "/v1/signatures/web", nil, body)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
      summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      summary.errors.status))
end
