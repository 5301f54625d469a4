/**
 * A callback whose identity never changes but which always calls the latest function given: for
 * handlers passed to memoised children (an analysis item, a findings list), which would otherwise
 * re-render whenever their parent does, only because a closure was made anew.
 */
import { useMemo, useRef } from 'preact/hooks';

export function useStableCallback<Args extends unknown[], Result>(fn: (...args: Args) => Result): (...args: Args) => Result {
  const latest = useRef(fn);
  // Assigned during render: handlers run after the commit that rendered them, never during it.
  latest.current = fn;
  return useMemo(() => (...args: Args) => latest.current(...args), []);
}
