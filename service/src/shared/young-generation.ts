/**
 * A floor under V8's young generation. After a scavenge at a low allocation rate (any quiet minute),
 * V8 shrinks the young generation to 1 MiB. The next burst of traffic then scavenges about 1.6 times as
 * often while it grows back, promotes the objects of requests still in flight, and so runs major GCs.
 * Measured on the proxy after a minute idle: p99 latency 7–17 ms instead of 3.3 ms, and ~1 µs more CPU
 * per request, for the first 10 s of load (bench/results/2026-11-23.md). The floor can only be set when
 * node starts (`--min-semi-space-size`, on the shebang line of bin/apigw.js); V8 ignores it at run time.
 */

/** MiB per semi-space: the size load grows the young generation to in its first seconds anyway. */
export const YOUNG_GENERATION_FLOOR_MB = 16;

const FLOOR_FLAG = /^--min[-_]semi[-_]space[-_]size=(\d+)$/;

/**
 * Whether node was started with the floor. Read from node's own arguments: V8 flags cannot be read
 * back, and the young generation's current size says nothing until an idle period has shrunk it.
 */
export function hasYoungGenerationFloor(execArgv: readonly string[] = process.execArgv): boolean {
  return execArgv.some((arg) => {
    const match = FLOOR_FLAG.exec(arg);
    return match !== null && Number(match[1]) >= YOUNG_GENERATION_FLOOR_MB;
  });
}
