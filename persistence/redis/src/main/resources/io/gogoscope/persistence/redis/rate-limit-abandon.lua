-- Takes back the rate-limit check by member ARGV[1] of the sorted set KEYS[1], whose caller
-- stopped waiting for its reply: marks the member abandoned in KEYS[2] for ARGV[2] ms (the window),
-- so a copy of the check that runs later admits nothing (rate-limit.lua), and removes its admission
-- if the check made one. Idempotent. Returns 1 when it removed an admission, else 0.
redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
return redis.call('ZREM', KEYS[1], ARGV[1])
