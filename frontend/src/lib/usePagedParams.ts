import { useMemo } from 'react';
import { useSearchParams } from 'react-router';

interface PageInfo {
  startCursor?: string | null;
  endCursor?: string | null;
}

/**
 * Relay cursor paging kept in the address (?after=…&page=2), so the back
 * button and shared links land on the same page. Other parameters are kept.
 */
export function usePagedParams(params: URLSearchParams, size: number) {
  const [, setParams] = useSearchParams();
  const after = params.get('after');
  const before = params.get('before');
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const variables = useMemo(() => {
    if (before) return { last: size, before };
    if (after) return { first: size, after };
    return { first: size };
  }, [after, before, size]);

  function move(to: 'next' | 'previous', info: PageInfo) {
    const p = new URLSearchParams(params);
    p.delete('after');
    p.delete('before');
    p.delete('page');
    if (to === 'next' && info.endCursor) {
      p.set('after', info.endCursor);
      p.set('page', String(page + 1));
    } else if (to === 'previous' && info.startCursor && page > 2) {
      p.set('before', info.startCursor);
      p.set('page', String(page - 1));
    }
    setParams(p);
  }

  return {
    page: after || before ? page : 1,
    variables,
    next: (info: PageInfo) => move('next', info),
    previous: (info: PageInfo) => move('previous', info),
  };
}
