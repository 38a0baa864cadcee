-- wrk script: every request is a new app signature of one registered install (INSTALL_ID, INSTALL_SECRET, API_KEY
-- from the environment). Web signatures wait for their mailed confirmation; an app signature goes to Kafka at once,
-- so this measures the gateway's path to an acknowledged record. The records share a signer: the topology counts one.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = os.getenv("API_KEY")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("INSTALL_SECRET")
local install_id = os.getenv("INSTALL_ID")
local thread_id = 0
local counter = 0
setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
request = function()
  counter = counter + 1
  local id = string.format("%d-%d-%d", tid or 0, counter, math.random(1, 1000000000))
  local body = '{"submissionId":"bench-' .. id .. '","installId":"' .. install_id .. '",' ..
      '"postalCode":"9000","language":"nl","platform":"android","appVersion":"1.0"}'
  return wrk.format(nil, "/v1/signatures/app", nil, body)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
      summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      summary.errors.status))
end
