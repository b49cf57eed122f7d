import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState, PageLoader } from '../../components/PageState.js';
import { SessionContext, takeSignedOutOnPurpose, useSession } from './session.js';

/** Renders its children for a signed-in person; otherwise goes to /signin and comes back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorState error={session.error} onRetry={() => session.refetch()} />;
  if (!session.data) {
    const next = location.pathname + location.search;
    const plain = next === '/' || takeSignedOutOnPurpose();
    return <Navigate to={plain ? '/signin' : `/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return <SessionContext.Provider value={session.data}>{children}</SessionContext.Provider>;
}
