/** Starts a timer and returns how to cancel it; injected so tests need not wait minutes. */
export type SetTimer = (run: () => void, ms: number) => () => void;

export const realTimer: SetTimer = (run, ms) => {
  const handle = setTimeout(run, ms);
  handle.unref();
  return () => clearTimeout(handle);
};
