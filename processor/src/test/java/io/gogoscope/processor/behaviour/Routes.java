package io.gogoscope.processor.behaviour;

import io.gogoscope.annotations.ScopeTask;
import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * A fixture whose tasks declare related exceptions, so that the one error mapper of
 * {@code ScopedRoutes} must route each exception by the calling task's own union: every method
 * throws the exception it is given, declared or not.
 */
@ScopeTask
public interface Routes {

  /** Declares only {@code IOException}. */
  String broad(Exception failure) throws IOException;

  /** Declares the more specific {@code FileNotFoundException}, and an unchecked exception. */
  String narrow(Exception failure) throws FileNotFoundException, IllegalArgumentException;

  /** Declares {@code Exception} itself. */
  String anything(Exception failure) throws Exception;

  /** Throws every exception it is given, whatever the method declares. */
  final class Thrower implements Routes {
    @Override
    public String broad(Exception failure) {
      throw Thrower.<RuntimeException>sneaky(failure);
    }

    @Override
    public String narrow(Exception failure) {
      throw Thrower.<RuntimeException>sneaky(failure);
    }

    @Override
    public String anything(Exception failure) {
      throw Thrower.<RuntimeException>sneaky(failure);
    }

    @SuppressWarnings("unchecked")
    private static <X extends Exception> X sneaky(Exception failure) throws X {
      throw (X) failure;
    }
  }
}
