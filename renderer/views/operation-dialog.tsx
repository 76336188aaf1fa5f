// The modal of a change: confirm, then progress, then the outcome. Focus stays inside while it is open.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../stores/app-stores';
import type { Operation, OperationStep, Preview } from '../stores/operation-store';
import type { Progress } from '../../helper/protocol';
import { formatBytes } from '../../main/services/format-bytes';
import { VarNote } from './var-note';

interface Wording {
  title: string;
  explanation: string;
  confirmLabel: string;
  /** Whether the change replaces the system the user boots, which /var does not follow. */
  touchesSystem: boolean;
}

function wordingOf(operation: Operation): Wording {
  switch (operation.kind) {
    case 'switch':
      return {
        title: `Switch to ${operation.refspec}`,
        explanation: `Canopy downloads ${operation.refspec} and deploys it next to the running system, which stays available as the rollback.`,
        confirmLabel: 'Switch',
        touchesSystem: true,
      };
    case 'upgrade':
      return {
        title: 'Update the system',
        explanation: 'Canopy downloads the newest commit of the current branch and deploys it next to the running system.',
        confirmLabel: 'Update',
        touchesSystem: true,
      };
    case 'deploy':
      return {
        title: `Deploy ${operation.label}`,
        explanation: `Canopy deploys ${operation.label} again next to the running system.`,
        confirmLabel: 'Deploy',
        touchesSystem: true,
      };
    case 'rollback':
      return {
        title: 'Roll back',
        explanation: 'The previous deployment becomes the default one and the current one becomes the rollback.',
        confirmLabel: 'Roll back',
        touchesSystem: true,
      };
    case 'pin':
      return {
        title: `${operation.pinned ? 'Pin' : 'Unpin'} ${operation.label}`,
        explanation: operation.pinned
          ? 'A pinned deployment is kept when newer ones are deployed.'
          : 'An unpinned deployment may be removed when newer ones are deployed.',
        confirmLabel: operation.pinned ? 'Pin' : 'Unpin',
        touchesSystem: false,
      };
  }
}

/** An error says nothing changed unless its own words claim otherwise. */
function errorMentionsChange(message: string): boolean {
  return /\b(chang|deployed|staged|partial)/i.test(message);
}

export function OperationDialog() {
  const { operation } = useStores();
  const current = useStore(operation, (state) => state.current);
  const dialog = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const open = current.step !== 'idle';

  useEffect(() => {
    if (!open) return;
    returnFocus.current = document.activeElement;
    return () => {
      if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
    };
  }, [open]);

  // Each step gets focus on its main button, so Enter does the expected thing and a screen reader hears the step.
  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [current.step]);

  if (current.step === 'idle') return null;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && current.step === 'confirm') {
      event.preventDefault();
      operation.getState().cancel();
    } else if (event.key === 'Tab') {
      const focusable = [...(dialog.current?.querySelectorAll<HTMLElement>('button:not(:disabled)') ?? [])];
      const first = focusable[0];
      const last = focusable.at(-1);
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  const wording = wordingOf(current.operation);
  return (
    <div className="backdrop">
      <div
        ref={dialog}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="operation-title"
        aria-describedby="operation-body"
        onKeyDown={onKeyDown}
      >
        <h2 id="operation-title">{wording.title}</h2>
        <div id="operation-body">
          <StepBody current={current} wording={wording} />
        </div>
        <StepActions current={current} wording={wording} />
      </div>
    </div>
  );
}

function StepBody({ current, wording }: { current: Exclude<OperationStep, { step: 'idle' }>; wording: Wording }) {
  switch (current.step) {
    case 'confirm':
      return (
        <>
          <p>{wording.explanation}</p>
          {current.preview && <PreviewSummary preview={current.preview} />}
          {wording.touchesSystem && <VarNote />}
        </>
      );
    case 'running':
      return <ProgressView progress={current.progress} />;
    case 'done':
      return wording.touchesSystem ? (
        <>
          <p>{current.result.changed ? 'Done. Reboot to use it.' : current.result.message}</p>
          {current.result.changed && current.result.message && <p className="muted">{current.result.message}</p>}
        </>
      ) : (
        <p>{current.result.message || 'Done.'}</p>
      );
    case 'error':
      return (
        <>
          <p className="error" role="alert">
            {current.message}
          </p>
          {!errorMentionsChange(current.message) && <p>Nothing was changed.</p>}
        </>
      );
  }
}

function PreviewSummary({ preview }: { preview: Preview }) {
  if (preview.state === 'loading') return <p className="muted">Looking at what would change…</p>;
  if (preview.state === 'failed') return <p className="muted">What would change is not known: {preview.message}</p>;
  const { upgraded, downgraded, removed, added } = preview.diff.packages;
  return (
    <p aria-label="What would change">
      Packages: {upgraded.length} upgraded, {downgraded.length} downgraded, {removed.length} removed, {added.length} added.
      The download size is known once fetching starts.
    </p>
  );
}

function ProgressView({ progress }: { progress: Progress | null }) {
  const fetching = progress?.phase === 'fetching' && progress.requested > 0;
  const phase = !progress ? 'Starting…' : progress.phase === 'deploying' ? 'Deploying…' : progress.phase === 'connecting' ? 'Connecting…' : 'Fetching…';
  return (
    <>
      {fetching ? (
        <progress aria-label="Progress" max={progress.requested} value={progress.fetched} />
      ) : (
        <progress aria-label="Progress" />
      )}
      <p aria-live="polite">
        {phase}
        {fetching &&
          ` ${String(progress.fetched)} of ${String(progress.requested)} objects, ${formatBytes(progress.bytes)}` +
            `${progress.totalBytes ? ` of ${formatBytes(progress.totalBytes)}` : ''} at ${formatBytes(progress.rate)}/s`}
      </p>
    </>
  );
}

function StepActions({ current, wording }: { current: Exclude<OperationStep, { step: 'idle' }>; wording: Wording }) {
  const { operation } = useStores();
  const state = operation.getState();
  switch (current.step) {
    case 'confirm':
      return (
        <div className="actions dialog-actions">
          <button type="button" onClick={state.cancel}>
            Cancel
          </button>
          <button type="button" className="primary" data-autofocus onClick={() => void state.confirm()}>
            {wording.confirmLabel}
          </button>
        </div>
      );
    case 'running':
      return (
        <div className="actions dialog-actions">
          <button type="button" data-autofocus onClick={state.cancel}>
            Stop
          </button>
        </div>
      );
    case 'done':
      return (
        <div className="actions dialog-actions">
          <button type="button" data-autofocus onClick={state.close}>
            Close
          </button>
          {wording.touchesSystem && current.result.changed && (
            <button type="button" className="primary" onClick={() => void state.reboot()}>
              Reboot now
            </button>
          )}
        </div>
      );
    case 'error':
      return (
        <div className="actions dialog-actions">
          <button type="button" data-autofocus onClick={state.close}>
            Close
          </button>
        </div>
      );
  }
}
