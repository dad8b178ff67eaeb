-- Deletes lock KEYS[1] if token ARGV[1] holds it, and tells waiters on channel ARGV[2].
-- Returns 1 when released, 0 when the token no longer held it (expired or taken over).
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], 'released')
  return 1
end
return 0
