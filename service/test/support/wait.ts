/** Waiting in tests: on a loaded CI machine a fixed pause can be too short, so tests wait for the state they check. */

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `check` holds, or after `timeoutMs` (the test's own expect then reports what is wrong). */
export async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await sleep(10);
}
