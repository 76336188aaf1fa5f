// What a view says while something loads, or when it could not be loaded.
import type { Loadable } from '../stores/system-store';

export function LoadNotice({ load, loading, failed = '' }: { load: Loadable<unknown> | null | undefined; loading: string; failed?: string }) {
  if (load?.state === 'loading') return <p className="muted">{loading}</p>;
  if (load?.state === 'error') {
    return (
      <p className="error" role="alert">
        {failed}
        {load.message}
      </p>
    );
  }
  return null;
}
