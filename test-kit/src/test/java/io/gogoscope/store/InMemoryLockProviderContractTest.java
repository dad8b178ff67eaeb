package io.gogoscope.store;

import io.gogoscope.store.contract.LockProviderContract;

class InMemoryLockProviderContractTest extends LockProviderContract {
  private final InMemoryLockProvider shared = new InMemoryLockProvider();

  @Override
  protected LockProvider newClient() {
    return shared;
  }
}
