-- GETs signed with the X-Ca-* app signature (HmacSHA256), each with a fresh nonce and the current
-- timestamp, exactly as docs/authentication.md describes the string to sign:
--   METHOD \n Accept \n Content-MD5 \n Content-Type \n Date \n (lowercase name:value \n of each signed
--   header, sorted) path[?sorted key=value&...]
-- Env: BENCH_WRK_DIR (this folder), BENCH_HOST (Host header), BENCH_PATH (path and query, also the
-- URL's), BENCH_APP_KEY, BENCH_APP_SECRET, BENCH_RUN_ID (makes nonces unique across wrk runs).
package.path = (os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/?.lua;" .. package.path
local report = require("report")
local sha = require("sha256")
local ffi = require("ffi")

ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } bench_timeval;
  int gettimeofday(bench_timeval *tv, void *tz);
]]
local tv = ffi.new("bench_timeval")
local function nowMs()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + math.floor(tonumber(tv.tv_usec) / 1000)
end

local ACCEPT = "application/json"
local METHOD = "GET"
local host = os.getenv("BENCH_HOST")
local target = os.getenv("BENCH_PATH")
local key = os.getenv("BENCH_APP_KEY")
local secret = os.getenv("BENCH_APP_SECRET")
local runId = os.getenv("BENCH_RUN_ID") or tostring(os.time())
assert(host and target and key and secret, "signed.lua needs BENCH_HOST, BENCH_PATH, BENCH_APP_KEY and BENCH_APP_SECRET")

-- The signed form of the path: query parameters sorted by key (the bench's values need no decoding).
local function pathAndParameters(t)
  local path, query = t:match("^([^?]*)%??(.*)$")
  if query == "" then return path end
  local pairs_ = {}
  for pair in query:gmatch("[^&]+") do pairs_[#pairs_ + 1] = pair end
  table.sort(pairs_, function(a, b) return a:match("^[^=]*") < b:match("^[^=]*") end)
  return path .. "?" .. table.concat(pairs_, "&")
end

local signedPath = pathAndParameters(target)
local sign = sha.hmac(secret)
local stsHead = METHOD .. "\n" .. ACCEPT .. "\n\n\n\n" .. "x-ca-key:" .. key .. "\n" .. "x-ca-nonce:"
local headers = {
  ["Host"] = host,
  ["Accept"] = ACCEPT,
  ["X-Ca-Key"] = key,
  ["X-Ca-Signature-Method"] = "HmacSHA256",
  ["X-Ca-Signature-Headers"] = "x-ca-key,x-ca-nonce,x-ca-signature-method,x-ca-timestamp",
}

local threadCount = 0
function setup(thread)
  threadCount = threadCount + 1
  thread:set("tid", threadCount)
end

local counter = 0
function request()
  counter = counter + 1
  local nonce = runId .. "-" .. tostring(tid or 0) .. "-" .. counter
  local ts = tostring(nowMs())
  local sts = stsHead .. nonce .. "\nx-ca-signature-method:HmacSHA256\nx-ca-timestamp:" .. ts .. "\n" .. signedPath
  headers["X-Ca-Nonce"] = nonce
  headers["X-Ca-Timestamp"] = ts
  headers["X-Ca-Signature"] = sha.base64(sign(sts))
  return wrk.format(METHOD, target, headers)
end

done = report.done
