-- Takes lock KEYS[1] for token ARGV[1] with a TTL of ARGV[2] ms when it is free.
-- KEYS[2] is the key's fencing counter: incremented by every acquisition and never expired, so
-- fencing tokens grow strictly per key across owners, releases and expiries.
-- Returns {1, fencing token} when acquired (also when this token holds it already: a call that
-- Redisson retried after its first attempt got through), else {0, ms until the holder expires}.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1, redis.call('INCR', KEYS[2])}
end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return {1, tonumber(redis.call('GET', KEYS[2]))}
end
return {0, redis.call('PTTL', KEYS[1])}
