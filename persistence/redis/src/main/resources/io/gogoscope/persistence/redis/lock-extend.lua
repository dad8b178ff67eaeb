-- Sets the TTL of lock KEYS[1] to ARGV[2] ms from now if token ARGV[1] holds it.
-- Returns 1 when extended, 0 when the token no longer held it.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
