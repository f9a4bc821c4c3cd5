package dev.arbiter.api.exercise;

/**
 * Limits an instructor asks for; each missing one takes its default, each too large one is capped.
 *
 * @param timeSeconds wall-clock seconds per test (CPU time is limited as well)
 * @param memoryMb sandbox memory
 * @param outputKb cap on stdout and on stderr, each
 * @param diskMb writable space in the sandbox
 * @param maxProcesses processes and threads per run
 */
public record LimitsRequest(
    Integer timeSeconds, Integer memoryMb, Integer outputKb, Integer diskMb,
    Integer maxProcesses) {}
