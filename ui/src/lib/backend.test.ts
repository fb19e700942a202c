import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import * as backend from './backend';

afterEach(() => clearMocks());

describe('the backend module', () => {
  it('sends one input struct and returns the typed value', async () => {
    const seen: Array<{ cmd: string; args: unknown }> = [];
    mockIPC((cmd, args) => {
      seen.push({ cmd, args });
      return { delegation: { key: 'choray-2026-03' }, members: [] };
    });
    const outcome = await backend.getDelegation({ key: 'choray-2026-03' });
    expect(outcome.ok).toBe(true);
    // Invariant: arguments travel as `{ input }`, matching the Rust adapters' single parameter.
    expect(seen).toEqual([{ cmd: 'get_delegation', args: { input: { key: 'choray-2026-03' } } }]);
  });

  it('passes a UiError from Rust through unchanged', async () => {
    mockIPC(() => {
      throw { kind: 'not_found', message: "no delegation with key 'nope'" };
    });
    const outcome = await backend.getDelegation({ key: 'nope' });
    expect(outcome).toEqual({ ok: false, error: { kind: 'not_found', message: "no delegation with key 'nope'" } });
  });

  it('turns any other failure into a readable io error, never a throw', async () => {
    mockIPC(() => {
      throw 'command list_delegations not found';
    });
    const outcome = await backend.listDelegations();
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.kind).toBe('io');
      expect(outcome.error.message).toContain('command list_delegations not found');
    }
    expect(backend.toUiError({ kind: 'bogus', message: 'x' }).kind, 'unknown kinds are not trusted').toBe('io');
    expect(backend.toUiError(new Error('boom')).message).toContain('boom');
  });

  it('reports input Tauri could not read as invalid, with the reason', () => {
    const e = backend.toUiError(
      "invalid args `input` for command `save_delegation`: key 'Cho Ray' contains 'C': use lowercase letters",
    );
    // Invariant: a typing mistake reads as "check the input", not as a broken app.
    expect(e).toEqual({ kind: 'invalid', message: "key 'Cho Ray' contains 'C': use lowercase letters" });
  });

  it('sends print and conflict commands as one input struct', async () => {
    const seen: Array<{ cmd: string; args: unknown }> = [];
    mockIPC((cmd, args) => {
      seen.push({ cmd, args });
      return cmd === 'check_conflicts' ? [] : { path: '/tmp/choray.pdf' };
    });
    const request = { delegation: 'choray-2026-03', document: { kind: 'staff' as const }, options: { paper: 'a4' as const, institution: '' }, by: 'Itinera' };
    expect(await backend.printDocument({ request, open: true })).toEqual({ ok: true, value: { path: '/tmp/choray.pdf' } });
    expect(await backend.checkConflicts({ delegation: 'choray-2026-03' })).toEqual({ ok: true, value: [] });
    // Invariant: the Tauri adapters take a single `input` parameter.
    expect(seen).toEqual([
      { cmd: 'print_document', args: { input: { request, open: true } } },
      { cmd: 'check_conflicts', args: { input: { delegation: 'choray-2026-03' } } },
    ]);
  });

  it('answers a read sent during a write from after that write; a cancel is not held back', async () => {
    let travel = 8;
    const log: string[] = [];
    let finishWrite: () => void = () => {};
    mockIPC((cmd) => {
      log.push(`start ${cmd}`);
      if (cmd === 'set_travel_time') {
        // The write answers only when the test lets it (a slow SQLite commit).
        return new Promise((resolve) => {
          finishWrite = () => {
            travel = 11;
            log.push('end set_travel_time');
            resolve(null);
          };
        });
      }
      if (cmd === 'list_directory') return { travel };
      return null;
    });
    const write = backend.setTravelTime({ from: 'main-hospital', to: 'annex', minutes: 11 });
    const read = backend.listDirectory();
    const cancel = backend.cancelOperation({ id: 'op-1' });
    await new Promise((r) => setTimeout(r, 10));
    // Invariant: the read has not been sent while the write is open; the cancel has.
    expect(log).toEqual(['start set_travel_time', 'start cancel_operation']);
    finishWrite();
    expect(await write).toEqual({ ok: true, value: null });
    expect(await read).toEqual({ ok: true, value: { travel: 11 } });
    expect(await cancel).toEqual({ ok: true, value: null });
    expect(log).toEqual(['start set_travel_time', 'start cancel_operation', 'end set_travel_time', 'start list_directory']);
    // With nothing pending, a read goes at once.
    expect(await backend.listDirectory()).toEqual({ ok: true, value: { travel: 11 } });
  });

  it('sends a write only after the writes sent before it have answered, in order', async () => {
    const log: string[] = [];
    const finish: Array<() => void> = [];
    mockIPC((cmd, args) => {
      const minutes = (args as { input: { minutes?: number } }).input.minutes;
      log.push(`start ${minutes ?? 'none'}`);
      return new Promise((resolve) => finish.push(() => resolve(null)));
    });
    // Clearing a cell (a removal), then typing 11: stored in that order, never the reverse.
    const clear = backend.setTravelTime({ from: 'main-hospital', to: 'annex' });
    const eleven = backend.setTravelTime({ from: 'main-hospital', to: 'annex', minutes: 11 });
    await new Promise((r) => setTimeout(r, 10));
    expect(log, 'the second write waits for the first').toEqual(['start none']);
    finish[0]?.();
    await clear;
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual(['start none', 'start 11']);
    finish[1]?.();
    expect(await eleven).toEqual({ ok: true, value: null });
  });
});
