-- Takes back the acquire of lock KEYS[1] by token ARGV[1], whose caller stopped waiting for its
-- reply: marks the token abandoned in KEYS[2] for ARGV[3] ms (the acquire's TTL), so a copy of the
-- acquire that runs later takes nothing (lock-acquire.lua), and deletes the lock if the acquire
-- took it already, telling waiters on channel ARGV[2]. Idempotent.
-- Returns 1 when it deleted the lock, else 0.
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], 'released')
  return 1
end
return 0
