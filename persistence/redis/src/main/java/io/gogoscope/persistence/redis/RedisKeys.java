package io.gogoscope.persistence.redis;

/**
 * The names of everything the stores keep in Redis, for a caller's key {@code K}:
 * {@code <prefix><kind>:{<K escaped>}<role>}. Two rules make this safe:
 *
 * <ul>
 *   <li><b>One cluster slot per operation.</b> {@code {...}} is a Redis Cluster hash tag: Redis
 *       hashes only what lies between the first {@code '{'} and the first {@code '}'} after it.
 *       The prefix holds no brace ({@link RedisStores.Builder#keyPrefix} refuses them) and the
 *       escaped key holds no {@code '}'}, so the tag is exactly the escaped key: never empty (keys
 *       are not empty), and the same for every name of one lock, limit or circuit.
 *   <li><b>Injective.</b> The escaping turns {@code '%'} into {@code %25} and {@code '}'} into
 *       {@code %7D} and leaves every other character as it is ({@code order:42:7} stays
 *       {@code order:42:7}); it can be undone, and the name's first {@code '}'} ends the escaped
 *       key. So a name reads back as prefix, kind, key and role, and two distinct (kind, key, role)
 *       never share a name. Redisson sends names as UTF-8, which is injective on every string
 *       without lone surrogates (the stores refuse those, and so does the prefix check).
 * </ul>
 */
record RedisKeys(String prefix) {

  /** The lock itself: a string holding the owner's token, with the lease's TTL. */
  String lock(String key) {
    return prefix + "lock:" + tag(key);
  }

  /** The lock's fencing counter: incremented by each acquisition, never expires. */
  String fence(String key) {
    return fenceOf(lock(key));
  }

  /** {@link #fence} from the lock's name (saves building it twice per call). */
  static String fenceOf(String lock) {
    return lock + ":fence";
  }

  /**
   * Marks the acquire by {@code token} abandoned (its caller gave up on the reply), so that a copy
   * of it arriving late takes nothing; lives for the lease's TTL.
   */
  String lockAbandoned(String key, String token) {
    return abandonedOf(lock(key), token);
  }

  /** The channel on which releases of the lock are announced to waiters (not a key). */
  String released(String key) {
    return releasedOf(lock(key));
  }

  /** {@link #released} from the lock's name. */
  static String releasedOf(String lock) {
    return lock + ":released";
  }

  /** The sorted set of admissions in a rate limit's window; expires one window after the last. */
  String rateLimit(String key) {
    return prefix + "rate:" + tag(key);
  }

  /** Marks the check by {@code member} abandoned, so a late copy of it admits nothing; lives one window. */
  String rateLimitAbandoned(String key, String member) {
    return abandonedOf(rateLimit(key), member);
  }

  /** The marker of {@code token}'s abandoned call on the lock or rate limit named {@code name}. */
  static String abandonedOf(String name, String token) {
    return name + ":abandoned:" + token;
  }

  /** The hash holding a circuit's state, since and version. */
  String circuit(String name) {
    return prefix + "circuit:" + tag(name);
  }

  /** The channel on which a circuit's accepted changes are pushed (not a key). */
  String circuitChanges(String name) {
    return circuit(name) + ":changes";
  }

  /** {@code key} escaped, between the braces of a hash tag. */
  static String tag(String key) {
    if (key.indexOf('%') < 0 && key.indexOf('}') < 0) {
      return "{" + key + "}"; // the usual case: nothing to escape
    }
    StringBuilder tag = new StringBuilder(key.length() + 8).append('{');
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      switch (c) {
        case '%' -> tag.append("%25");
        case '}' -> tag.append("%7D");
        default -> tag.append(c);
      }
    }
    return tag.append('}').toString();
  }
}
