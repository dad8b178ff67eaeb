package io.gogoscope.spring.boot;

import io.gogoscope.persistence.jdbi.JdbiStores;
import io.gogoscope.persistence.redis.RedisStores;
import io.gogoscope.store.Stores;
import javax.sql.DataSource;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The stores of {@code gogoscope.store.type}: {@code redis} from the application's
 * {@code RedissonClient}, {@code jdbc} from its {@code DataSource}. A {@link Stores} bean of the
 * application's own wins. ({@code memory} needs no bean: the runtime's in-memory stores are its
 * default.)
 */
final class StoresConfiguration {
  private StoresConfiguration() {}

  /** The start-up failure when the chosen backend's module or connection is missing. */
  static IllegalStateException missing(GogoscopeProperties.StoreType type) {
    String needs = switch (type) {
      case REDIS -> "io.gogoscope:gogoscope-persistence-redis on the class path and a RedissonClient bean";
      case JDBC -> "io.gogoscope:gogoscope-persistence-jdbi on the class path and a DataSource bean";
      case MEMORY -> "nothing";
    };
    return new IllegalStateException("gogoscope.store.type=" + type.name().toLowerCase(java.util.Locale.ROOT)
        + " needs " + needs + ", and this application has none; add them, declare your own "
        + Stores.class.getName() + " bean, or set gogoscope.store.type=memory");
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({RedisStores.class, RedissonClient.class})
  @ConditionalOnProperty(name = "gogoscope.store.type", havingValue = "redis")
  static class Redis {
    @Bean
    @ConditionalOnMissingBean(Stores.class)
    RedisStores gogoscopeRedisStores(ObjectProvider<RedissonClient> redisson, GogoscopeProperties properties) {
      RedissonClient client = redisson.getIfUnique();
      if (client == null) {
        throw missing(GogoscopeProperties.StoreType.REDIS);
      }
      RedisStores.Builder builder = RedisStores.builder(client);
      if (properties.getStore().getKeyPrefix() != null) {
        builder.keyPrefix(properties.getStore().getKeyPrefix());
      }
      return builder.build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({JdbiStores.class, DataSource.class})
  @ConditionalOnProperty(name = "gogoscope.store.type", havingValue = "jdbc")
  static class Jdbc {
    /** Closed with the context (its poller and statement-timeout threads); the pool stays the application's. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Stores.class)
    JdbiStores gogoscopeJdbcStores(ObjectProvider<DataSource> dataSource, GogoscopeProperties properties) {
      DataSource source = dataSource.getIfUnique();
      if (source == null) {
        throw missing(GogoscopeProperties.StoreType.JDBC);
      }
      JdbiStores.Builder builder = JdbiStores.using(source);
      if (properties.getStore().getTablePrefix() != null) {
        builder.tablePrefix(properties.getStore().getTablePrefix());
      }
      JdbiStores stores = builder.build();
      if (properties.getStore().isMigrate()) {
        stores.migrate();
      }
      return stores;
    }
  }
}
