-- wrk script: client_credentials token requests with HTTP Basic client authentication.
wrk.method = "POST"
wrk.body = "grant_type=client_credentials&scope=records.read&resource=https%3A%2F%2Fapi.bench-partner.example%2Frecords"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("BENCH_BASIC")

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.2f non2xx=%d errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
