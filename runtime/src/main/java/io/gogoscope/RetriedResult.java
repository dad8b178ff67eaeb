package io.gogoscope;

/**
 * What a retry's listeners and the call's observation hear when an attempt succeeded but its value
 * was retried ({@link io.gogoscope.policy.Retry.Builder#retryOnResult}): not an error the call
 * returns, only the reason for the retry. Its {@link #kind()} is {@code result}.
 *
 * @param value the value that was retried
 */
record RetriedResult(Object value) implements ScopeError {
  @Override
  public String kind() {
    return "result";
  }
}
