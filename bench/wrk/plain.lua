-- Unsigned GETs of one path with an optional Host header (apigw picks the API group by Host).
-- Env: BENCH_WRK_DIR (this folder), BENCH_HOST (optional Host header). The path is the URL's.
package.path = (os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/?.lua;" .. package.path
local report = require("report")

local host = os.getenv("BENCH_HOST")
if host and host ~= "" then wrk.headers["Host"] = host end

done = report.done
