package golden.naming;

import io.gogoscope.annotations.ScopeTask;
import io.gogoscope.annotations.Timeout;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.sql.SQLTimeoutException;

/**
 * Variant names: acronyms spelled as words, most specific exception first, clashes with policy
 * variants and between same-named exceptions resolved deterministically, parameters that shadow
 * generated names.
 */
@ScopeTask
public interface Gateway {
  @Timeout("1s")
  String call(String scope, String delegate, String sink)
      throws IOException,
          FileNotFoundException,
          SQLTimeoutException,
          TimedOutException,
          golden.naming.a.ConflictException,
          golden.naming.b.ConflictException,
          IllegalArgumentException;

  void ping() throws Exception;

  final class TimedOutException extends Exception {
    private static final long serialVersionUID = 1L;
  }
}
