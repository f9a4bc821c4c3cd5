package dev.arbiter.worker.launch;

import java.util.List;

/**
 * What a launcher observed, one {@link TestExecution} per test of the {@link RunSpec}, in order.
 *
 * @param tests one per test, in spec order
 * @param attempts sandbox starts it took (a runner lost mid-run is restarted for the remaining tests)
 */
public record RunReport(List<TestExecution> tests, int attempts) {}
