-- wrk hook for bench/http_load.py: one JSON line with exact latency percentiles and errors.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests": %d, "seconds": %.3f, "rps": %.2f, "p50_ms": %.3f, "p90_ms": %.3f, ' ..
    '"p95_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, "non2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
