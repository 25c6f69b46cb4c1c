-- Prints SHA-256, HMAC-SHA256 and base64 of deterministic inputs of every length around the block and
-- padding boundaries; bench/lib/selftest.js compares each line with node:crypto. Run through wrk
-- (its LuaJIT is the one that signs), against any local server, for a moment:
--   BENCH_WRK_DIR=bench/wrk wrk -t1 -c1 -d1s -s bench/wrk/selftest.lua http://127.0.0.1:PORT/
package.path = (os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/?.lua;" .. package.path
local sha = require("sha256")

local function input(n, seed)
  local t = {}
  for i = 1, n do t[i] = string.char((i * 31 + seed * 7) % 256) end
  return table.concat(t)
end

function done()
  for n = 0, 200 do
    local msg = input(n, 1)
    local key = input(n % 140, 2)
    io.write(string.format("SELFTEST %d %s %s %s\n", n, sha.hex(sha.sha256(msg)), sha.base64(sha.hmac(key)(msg)), sha.base64(msg)))
  end
end
