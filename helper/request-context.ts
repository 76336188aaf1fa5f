import type Gio from 'gi://Gio';
import type { Progress } from './protocol';

/** What a handler gets besides its parameters: who asked, a way to report progress, and cancellation. */
export interface RequestContext {
  cancellable: Gio.Cancellable;
  progress: (progress: Progress) => void;
  caller: { uid: number; user: string };
}
