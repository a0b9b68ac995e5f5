-- wrk script: client_credentials with private_key_jwt, a different pre-signed assertion (own jti) per request.
-- The requests are formatted once, before the run, so the load tool spends its CPU on sending them.
local requests = {}
local next_index = 1

local started = 0
function setup(thread)
  started = started + 1
  thread:set("id", started)
end

local prefix = "grant_type=client_credentials&scope=records.read&resource=https%3A%2F%2Fapi.bench-partner.example%2Frecords"
  .. "&client_id=bench-jwt&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
  .. "&client_assertion="

function init(args)
  local file = io.open(os.getenv("BENCH_ASSERTIONS"), "r")
  local all = {}
  for line in file:lines() do table.insert(all, line) end
  file:close()
  -- Each wrk thread takes its own share, so no two requests send the same jti.
  local threads = tonumber(os.getenv("BENCH_THREADS"))
  for i = id, #all, threads do
    table.insert(requests, wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded"},
      prefix .. all[i]))
  end
end

function request()
  local formatted = requests[next_index]
  next_index = next_index + 1
  if next_index > #requests then next_index = 1 end
  return formatted
end

dofile("bench/report.lua")
