-- Returns {state, since epoch ms, version} of the circuit in hash KEYS[1] (nils when unknown).
return redis.call('HMGET', KEYS[1], 'state', 'since', 'version')
