-- Shared by the wrk scripts: one RESULT line that token-bench.sh reads; with BENCH_DIST set, also the latency
-- distribution (ms) on a second line.
function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.2f non2xx=%d errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  if os.getenv("BENCH_DIST") then
    for _, p in ipairs({75, 90, 95, 98, 99.5, 99.9}) do
      io.write(string.format(" p%s=%.1f", p, latency:percentile(p) / 1000))
    end
    io.write(string.format(" max=%.1f\n", latency.max / 1000))
  end
end
