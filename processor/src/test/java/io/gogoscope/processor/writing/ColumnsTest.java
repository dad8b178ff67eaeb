package io.gogoscope.processor.writing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Columns} moves a long type declaration's supertype clause, and only that clause. */
class ColumnsTest {

  @Test
  void aLongClassDeclarationContinuesWithItsExtendsClauseNotItsTypeParametersBound() {
    String line = "  private static final class Errors<E extends ScopedUserService.UserServiceError>"
        + " extends UnionMapper<E> {\n";
    assertThat(Columns.wrap(line)).isEqualTo(
        "  private static final class Errors<E extends ScopedUserService.UserServiceError>\n"
            + "      extends UnionMapper<E> {\n");
  }

  @Test
  void aLongRecordDeclarationContinuesWithItsImplementsClauseFilledOverLines() {
    String line = "    record LockUnavailable(String key) implements FetchUserError, PlaceOrderError,"
        + " RefundError, ScopeError.LockUnavailable {\n";
    assertThat(Columns.wrap(line)).isEqualTo(
        "    record LockUnavailable(String key)\n"
            + "        implements FetchUserError, PlaceOrderError, RefundError,"
            + " ScopeError.LockUnavailable {\n");
  }

  @Test
  void aShortDeclarationStaysAsItIs() {
    String line = "  private static final class Errors<E extends Bound> extends UnionMapper<E> {\n";
    assertThat(Columns.wrap(line)).isEqualTo(line);
  }
}
