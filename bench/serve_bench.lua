-- wrk script for bench/serve_bench.sh: every request takes the next URL of
-- the file named by $URLS (one path+query a line), so the server cannot
-- answer from one cached response. Each wrk thread starts at a different line.
local urls = {}
local i = 0

function init(args)
  local f = assert(io.open(os.getenv("URLS"), "r"))
  for line in f:lines() do
    if #line > 0 then urls[#urls + 1] = line end
  end
  f:close()
  i = math.random(#urls)
end

function request()
  i = i % #urls + 1
  return wrk.format("GET", urls[i])
end

function done(summary, latency, requests)
  io.write(string.format("bad_status %d\n", summary.errors.status))
end
