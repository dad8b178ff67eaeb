package io.gogoscope.store;

import io.gogoscope.store.contract.RateLimitStoreContract;

class InMemoryRateLimitStoreContractTest extends RateLimitStoreContract {
  private final InMemoryRateLimitStore shared = new InMemoryRateLimitStore();

  @Override
  protected RateLimitStore newClient() {
    return shared;
  }
}
