-- wrk script: RFC 8693 token exchange of a logged-in citizen's access token for a citizen-bound token
-- (situation 1), with HTTP Basic client authentication. The subject token is fetched once, before the run.
wrk.method = "POST"
wrk.body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"
  .. "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token"
  .. "&resource=https%3A%2F%2Fapi.bench-partner.example%2Frecords&scope=records.citizen"
  .. "&subject_token=" .. os.getenv("BENCH_SUBJECT_TOKEN")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("BENCH_PORTAL_BASIC")

dofile("bench/report.lua")
