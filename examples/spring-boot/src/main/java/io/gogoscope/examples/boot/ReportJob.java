package io.gogoscope.examples.boot;

import io.gogoscope.annotations.DistributedLock;
import io.gogoscope.annotations.ScopeTask;

/**
 * The nightly report, which only one instance of the service may run at a time: the lock is
 * taken in the runtime's lock store (SQLite here, shared by every instance using that database).
 */
@ScopeTask(name = "reports")
public interface ReportJob {

  /** Renders the report; {@code LockUnavailable} when another instance is rendering it. */
  @DistributedLock(key = "report:nightly", ttl = "30s")
  String render();
}
