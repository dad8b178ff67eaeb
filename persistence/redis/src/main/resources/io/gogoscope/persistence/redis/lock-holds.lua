-- Returns 1 while token ARGV[1] holds lock KEYS[1], else 0.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return 1
end
return 0
