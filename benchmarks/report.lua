-- wrk script for benchmarks/run.sh.
--
-- Every request claims to have come through the TLS-terminating proxy
-- (X-Forwarded-Proto: https), as production requests do; without it the site
-- answers with a redirect to https and the figures would measure redirects.
--
-- done() prints one machine-readable line:
--   BENCH_RESULT requests=... rps=... p50_ms=... p95_ms=... p99_ms=... non2xx=... ...
-- wrk's own --latency output has no p95, and wrk counts only 4xx/5xx as
-- errors; here every response outside 200-299 (a 3xx included) is counted.

wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["Accept"] = "text/html"

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   s2xx, s3xx, s4xx, s5xx, sother = 0, 0, 0, 0, 0
end

function response(status, headers, body)
   if status >= 200 and status < 300 then
      s2xx = s2xx + 1
   elseif status >= 300 and status < 400 then
      s3xx = s3xx + 1
   elseif status >= 400 and status < 500 then
      s4xx = s4xx + 1
   elseif status >= 500 and status < 600 then
      s5xx = s5xx + 1
   else
      sother = sother + 1
   end
end

function done(summary, latency, requests)
   local c2, c3, c4, c5, co = 0, 0, 0, 0, 0
   for _, thread in ipairs(threads) do
      c2 = c2 + thread:get("s2xx")
      c3 = c3 + thread:get("s3xx")
      c4 = c4 + thread:get("s4xx")
      c5 = c5 + thread:get("s5xx")
      co = co + thread:get("sother")
   end
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      "BENCH_RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f"
         .. " mean_ms=%.2f max_ms=%.2f non2xx=%d s3xx=%d s4xx=%d s5xx=%d"
         .. " connect_errors=%d read_errors=%d write_errors=%d timeouts=%d bytes=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, latency.mean / 1000, latency.max / 1000,
      c3 + c4 + c5 + co, c3, c4, c5,
      e.connect, e.read, e.write, e.timeout, summary.bytes))
end
