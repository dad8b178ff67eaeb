-- Stores a circuit's state in hash KEYS[1] unless its version ARGV[3] is not newer than the stored
-- one, and pushes the accepted state to channel ARGV[4] as "STATE SINCE_MS VERSION".
-- ARGV[1] is the state's name, ARGV[2] when it was entered (epoch ms). Returns 1 if stored, else 0.
local current = redis.call('HGET', KEYS[1], 'version')
if current and tonumber(current) >= tonumber(ARGV[3]) then
  return 0
end
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'since', ARGV[2], 'version', ARGV[3])
redis.call('PUBLISH', ARGV[4], ARGV[1] .. ' ' .. ARGV[2] .. ' ' .. ARGV[3])
return 1
