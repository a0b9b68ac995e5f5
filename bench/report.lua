-- Shared by the wrk scripts: one RESULT line that token-bench.sh reads.
function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.2f non2xx=%d errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
