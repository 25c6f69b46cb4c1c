/**
 * The Redis side of `take`: one script call per request counts all of its keys atomically, so
 * replicas sharing a Redis see one counter per key and a limit is hit exactly at its count.
 *
 * KEYS: the counters of this window (each key carries its window index, so a new window is a new key).
 * ARGV: the limit of each key, then the time to live in ms (until the window ends, plus clock slack).
 * Reply: { blocked, count1, ..., countN } where blocked is 0 when the call was counted, else the
 * 1-based index of the first key at its limit (and nothing was counted: a refused call must not use
 * up the caller's other limits, or one noisy app would exhaust the API limit for everyone).
 */
export const TAKE_SCRIPT = `
local n = #KEYS
local counts = {}
for i = 1, n do
  counts[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
end
for i = 1, n do
  if counts[i] >= tonumber(ARGV[i]) then
    local reply = { i }
    for j = 1, n do reply[j + 1] = counts[j] end
    return reply
  end
end
local ttl = ARGV[n + 1]
local reply = { 0 }
for i = 1, n do
  local count = redis.call('INCR', KEYS[i])
  if count == 1 then redis.call('PEXPIRE', KEYS[i], ttl) end
  reply[i + 1] = count
end
return reply
`;

/** Prefix of every counter key in Redis. */
export const KEY_PREFIX = 'apigw:rl:';

/** TTL slack beyond the window's end: replicas' clocks may differ a little. */
export const CLOCK_SLACK_MS = 2000;
