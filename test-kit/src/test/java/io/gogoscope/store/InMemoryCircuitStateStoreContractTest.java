package io.gogoscope.store;

import io.gogoscope.store.contract.CircuitStateStoreContract;

class InMemoryCircuitStateStoreContractTest extends CircuitStateStoreContract {
  private final InMemoryCircuitStateStore shared = new InMemoryCircuitStateStore();

  @Override
  protected CircuitStateStore newClient() {
    return shared;
  }
}
