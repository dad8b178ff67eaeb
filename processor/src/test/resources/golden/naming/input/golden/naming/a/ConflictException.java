package golden.naming.a;

public class ConflictException extends Exception {
  private static final long serialVersionUID = 1L;
}
