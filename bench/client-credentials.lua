-- wrk script: client_credentials token requests with HTTP Basic client authentication.
wrk.method = "POST"
wrk.body = "grant_type=client_credentials&scope=records.read&resource=https%3A%2F%2Fapi.bench-partner.example%2Frecords"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("BENCH_BASIC")

dofile("bench/report.lua")
