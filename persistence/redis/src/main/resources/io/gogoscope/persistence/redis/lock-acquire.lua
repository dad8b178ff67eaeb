-- Takes lock KEYS[1] for token ARGV[1] with a TTL of ARGV[2] ms when it is free.
-- KEYS[2] is the key's fencing counter: incremented by every acquisition and never expired, so
-- fencing tokens grow strictly per key across owners, releases and expiries.
-- KEYS[3] marks this token abandoned (lock-abandon.lua): its caller gave up on the reply, so a copy
-- of this call running late (resent by Redisson, or overtaken by the abandon) takes nothing.
-- Returns {1, fencing token} when acquired (also when this token holds it already: a call that
-- Redisson retried after its first attempt got through), {0, ms until the holder expires} when
-- another token holds it, {-1, 0} when this token was abandoned.
if redis.call('EXISTS', KEYS[3]) == 1 then
  return {-1, 0}
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1, redis.call('INCR', KEYS[2])}
end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return {1, tonumber(redis.call('GET', KEYS[2]))}
end
return {0, redis.call('PTTL', KEYS[1])}
