package io.gogoscope.examples.boot;

import io.gogoscope.ScopeRuntime;
import io.gogoscope.persistence.jdbi.JdbiStores;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The same beans the starter configures, wired by hand: what an application without the starter
 * writes. Off unless {@code example.hand-wired=true}, which startup-cost.sh sets, together with
 * excluding the starter's auto-configuration, to measure what the auto-configuration costs at
 * start-up against doing the same work by hand.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "example.hand-wired", havingValue = "true")
class HandWiring {

  @Bean(destroyMethod = "close")
  JdbiStores stores(DataSource dataSource) {
    JdbiStores stores = JdbiStores.using(dataSource).build();
    stores.migrate();
    return stores;
  }

  @Bean
  ScopeRuntime runtime(JdbiStores stores) {
    return ScopeRuntime.builder().stores(stores).build();
  }

  @Bean
  ScopedPricingClient scopedPricing(SimulatedPricing pricing, ScopeRuntime runtime) {
    return ScopedPricingClient.of(pricing, runtime);
  }

  @Bean
  ScopedReportJob scopedReport(NightlyReport report, ScopeRuntime runtime) {
    return ScopedReportJob.of(report, runtime);
  }
}
