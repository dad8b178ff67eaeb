-- Sliding-window rate limit. KEYS[1] is a sorted set of the admissions still in the window: score
-- the server time of admission in microseconds, member unique per call (ARGV[3]). ARGV[1] is the
-- maximum admissions per window, ARGV[2] the window in ms. Time is the server's (TIME), so the
-- clients' clocks do not matter. The window is (now - window, now].
-- KEYS[2] marks this member abandoned (rate-limit-abandon.lua): its caller gave up on the reply, so
-- a copy of this call running late admits nothing.
-- Returns {allowed 1/0, remaining, microseconds until reset}, where the reset is when the admission
-- whose departure lets one more call in leaves the window; {-1, 0, 0} when abandoned.
if redis.replicate_commands then
  redis.replicate_commands() -- Redis < 5 refuses writes after TIME without it; later ones ignore it
end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {-1, 0, 0}
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local max = tonumber(ARGV[1])
local window = tonumber(ARGV[2]) * 1000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local allowed = 0
if redis.call('ZSCORE', KEYS[1], ARGV[3]) then
  allowed = 1 -- Redisson retried a call that was admitted already: do not count it twice
elseif count < max then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  count = count + 1
  allowed = 1
end
local index = math.max(count - max, 0)
local oldest = redis.call('ZRANGE', KEYS[1], index, index, 'WITHSCORES')
local reset = now + window
if oldest[2] then
  reset = tonumber(oldest[2]) + window
end
-- The reset travels as a distance from the server's now, so it reads right on any client's clock.
return {allowed, math.max(max - count, 0), reset - now}
