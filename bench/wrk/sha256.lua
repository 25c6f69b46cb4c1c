-- SHA-256 (FIPS 180-4), HMAC-SHA256 (RFC 2104) and base64 in plain LuaJIT, for wrk scripts that sign
-- every request (wrk's Lua has no crypto). Written for this benchmark on LuaJIT's `bit` library:
-- bit operations return signed 32-bit numbers, so every sum is brought back with bit.tobit.
-- Checked against the RFC 4231 / FIPS vectors by selftest.lua (run by `make bench` first).
local bit = require("bit")
local band, bor, bxor, bnot = bit.band, bit.bor, bit.bxor, bit.bnot
local lshift, rshift, ror, tobit = bit.lshift, bit.rshift, bit.ror, bit.tobit
local byte, char, rep, sub, concat = string.byte, string.char, string.rep, string.sub, table.concat
local floor = math.floor

local M = {}

-- Initial hash values and round constants: the first 32 bits of the fractional parts of the square
-- roots of the first 8 primes and of the cube roots of the first 64 primes.
local H0 = {
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
}
local K = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}
for i = 1, 8 do H0[i] = tobit(H0[i]) end
for i = 1, 64 do K[i] = tobit(K[i]) end

local W = {} -- message schedule, reused by every block (wrk runs one Lua state per thread)

-- Mixes the 64-byte block of `s` starting after offset `off` into the state h (8 numbers, in place).
local function compress(h, s, off)
  for j = 1, 16 do
    local a, b, c, d = byte(s, off + 1, off + 4)
    W[j] = bor(lshift(a, 24), lshift(b, 16), lshift(c, 8), d)
    off = off + 4
  end
  for j = 17, 64 do
    local w15, w2 = W[j - 15], W[j - 2]
    local s0 = bxor(ror(w15, 7), ror(w15, 18), rshift(w15, 3))
    local s1 = bxor(ror(w2, 17), ror(w2, 19), rshift(w2, 10))
    W[j] = tobit(W[j - 16] + s0 + W[j - 7] + s1)
  end
  local a, b, c, d, e, f, g, hh = h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8]
  for j = 1, 64 do
    local S1 = bxor(ror(e, 6), ror(e, 11), ror(e, 25))
    local ch = bxor(band(e, f), band(bnot(e), g))
    local t1 = hh + S1 + ch + K[j] + W[j]
    local S0 = bxor(ror(a, 2), ror(a, 13), ror(a, 22))
    local maj = bxor(band(a, b), band(a, c), band(b, c))
    hh, g, f, e, d, c, b, a = g, f, e, tobit(d + t1), c, b, a, tobit(t1 + S0 + maj)
  end
  h[1], h[2], h[3], h[4] = tobit(h[1] + a), tobit(h[2] + b), tobit(h[3] + c), tobit(h[4] + d)
  h[5], h[6], h[7], h[8] = tobit(h[5] + e), tobit(h[6] + f), tobit(h[7] + g), tobit(h[8] + hh)
end

local function be32(x)
  return char(band(rshift(x, 24), 255), band(rshift(x, 16), 255), band(rshift(x, 8), 255), band(x, 255))
end

-- Hashes `msg` starting from state `start` after `prefixLen` bytes were already hashed (0 for a plain
-- digest; 64 for HMAC's precomputed key blocks). Returns the 32-byte binary digest.
local function finish(start, prefixLen, msg)
  local h = { start[1], start[2], start[3], start[4], start[5], start[6], start[7], start[8] }
  local len = #msg
  local bits = (prefixLen + len) * 8
  local pad = (64 - (len + 9) % 64) % 64
  local s = msg .. "\128" .. rep("\0", pad) .. be32(floor(bits / 4294967296)) .. be32(bits % 4294967296)
  for off = 0, #s - 64, 64 do compress(h, s, off) end
  return be32(h[1]) .. be32(h[2]) .. be32(h[3]) .. be32(h[4]) .. be32(h[5]) .. be32(h[6]) .. be32(h[7]) .. be32(h[8])
end

function M.sha256(msg)
  return finish(H0, 0, msg)
end

local function xorKey(key, pad)
  local out = {}
  for i = 1, 64 do out[i] = char(bxor(byte(key, i), pad)) end
  return concat(out)
end

-- Returns a function msg -> binary HMAC-SHA256(key, msg). The inner and outer key blocks are hashed
-- once here, so each call costs the message blocks plus one outer block.
function M.hmac(key)
  if #key > 64 then key = M.sha256(key) end
  key = key .. rep("\0", 64 - #key)
  local inner = { H0[1], H0[2], H0[3], H0[4], H0[5], H0[6], H0[7], H0[8] }
  local outer = { H0[1], H0[2], H0[3], H0[4], H0[5], H0[6], H0[7], H0[8] }
  compress(inner, xorKey(key, 0x36), 0)
  compress(outer, xorKey(key, 0x5c), 0)
  return function(msg)
    return finish(outer, 64, finish(inner, 64, msg))
  end
end

local ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local B64 = {}
for i = 1, 64 do B64[i - 1] = sub(ALPHABET, i, i) end

function M.base64(s)
  local out, n = {}, #s
  for i = 1, n, 3 do
    local a, b, c = byte(s, i, i + 2)
    local v = lshift(a, 16) + lshift(b or 0, 8) + (c or 0)
    out[#out + 1] = B64[band(rshift(v, 18), 63)] .. B64[band(rshift(v, 12), 63)]
      .. (b and B64[band(rshift(v, 6), 63)] or "=") .. (c and B64[band(v, 63)] or "=")
  end
  return concat(out)
end

function M.hex(s)
  return (s:gsub(".", function(ch) return string.format("%02x", byte(ch)) end))
end

return M
