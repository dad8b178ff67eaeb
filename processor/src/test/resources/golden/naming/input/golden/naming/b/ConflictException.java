package golden.naming.b;

public class ConflictException extends Exception {
  private static final long serialVersionUID = 1L;
}
