package io.gogoscope.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A generated interface's one mapper narrows the shared variant records to each task's union, and
 * a variant the union lacks (a runtime bug: the task has no policy that reports it) is named as
 * such instead of surfacing as a bare {@link ClassCastException}.
 */
class UnionMapperTest {
  sealed interface ServiceError {}

  sealed interface Fetch extends ServiceError {}

  sealed interface Save extends ServiceError {}

  record TimedOut(Duration after) implements Fetch {}

  record Cancelled(Object reason) implements Fetch, Save {}

  static final class Errors<E extends ServiceError> extends UnionMapper<E> {
    Errors(Class<E> union) {
      super(union);
    }

    @Override
    public E thrown(Exception exception) {
      throw new UnsupportedOperationException();
    }

    @Override
    public E cancelled(Object reason) {
      return into(new Cancelled(reason));
    }

    @Override
    public E timedOut(Duration after) {
      return into(new TimedOut(after));
    }
  }

  @Test
  void narrowsASharedVariantToEachTasksUnion() {
    Fetch fetch = new Errors<>(Fetch.class).cancelled("stop");
    Save save = new Errors<>(Save.class).cancelled("stop");
    assertThat(fetch).isEqualTo(new Cancelled("stop"));
    assertThat(save).isEqualTo(new Cancelled("stop"));
  }

  @Test
  void namesAVariantTheUnionLacksAsARuntimeBug() {
    assertThatThrownBy(() -> new Errors<>(Save.class).timedOut(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("gogoscope bug")
        .hasMessageContaining("TimedOut")
        .hasMessageContaining(Save.class.getName());
  }

  @Test
  void routesADeclaredExceptionOnlyWhereTheUnionHasItsVariant() {
    Errors<Fetch> fetch = new Errors<>(Fetch.class);
    Errors<Save> save = new Errors<>(Save.class);
    assertThat(fetch.has(TimedOut.class)).isTrue();
    assertThat(save.has(TimedOut.class)).isFalse();
  }
}
