import { describe, expect, it } from 'vitest';
import type { DatabaseSettings } from './bindings/DatabaseSettings';
import { buildLocation, canSwitch, choiceKey, databaseChoice, databaseForm, parsePostgresUrl, stripPassword, type DatabaseForm } from './database';

const current: DatabaseSettings = {
  location: '/home/jiyoung/.local/share/itinera/itinera.db',
  kind: 'sqlite',
  source: 'default',
  saved: null,
  settings_file: '/home/jiyoung/.config/itinera/settings.json',
  default_location: '/home/jiyoung/.local/share/itinera/itinera.db',
};

function pgForm(over: Partial<DatabaseForm> = {}): DatabaseForm {
  return { ...databaseForm(current), kind: 'postgres', host: 'db.office.example', port: '5432', database: 'itinera', user: '이지은', password: 'pa:ss@w/rd', ...over };
}

describe('the database location', () => {
  it('builds a URL from the fields with the user encoded and never the password', () => {
    const built = buildLocation(pgForm());
    expect(built).toEqual({ location: 'postgres://%EC%9D%B4%EC%A7%80%EC%9D%80@db.office.example:5432/itinera' });
    // Invariant: the password travels beside the URL, never inside it.
    expect(JSON.stringify(built)).not.toContain('pa:ss');
    expect(databaseChoice(pgForm())).toEqual({ location: 'postgres://%EC%9D%B4%EC%A7%80%EC%9D%80@db.office.example:5432/itinera', password: 'pa:ss@w/rd' });
    expect(buildLocation(pgForm({ host: '::1', port: '' }))).toEqual({ location: 'postgres://%EC%9D%B4%EC%A7%80%EC%9D%80@[::1]:5432/itinera' });
  });

  it('names the field that is wrong', () => {
    expect(buildLocation(pgForm({ host: ' ' }))).toEqual({ problem: 'database.problemHost' });
    expect(buildLocation(pgForm({ port: '70000' }))).toEqual({ problem: 'database.problemPort' });
    expect(buildLocation(pgForm({ port: '54x' }))).toEqual({ problem: 'database.problemPort' });
    expect(buildLocation(pgForm({ database: '' }))).toEqual({ problem: 'database.problemName' });
    expect(buildLocation(pgForm({ user: '' }))).toEqual({ problem: 'database.problemUser' });
    expect(buildLocation(pgForm({ useUrl: true, url: 'mysql://x@h/db' }))).toEqual({ problem: 'database.problemUrl' });
    expect(buildLocation({ ...databaseForm(current), path: 'itinera.db' }), 'a relative SQLite path').toEqual({ problem: 'database.problemPath' });
    expect(databaseChoice(pgForm({ user: '' })), 'no input for a wrong form').toBeNull();
  });

  it('takes a pasted URL without its password, which goes beside it', () => {
    const form = pgForm({ useUrl: true, url: 'postgresql://planner:hunter2@db:5433/office?sslmode=require&password=x', password: '' });
    expect(buildLocation(form)).toEqual({ location: 'postgresql://planner@db:5433/office?sslmode=require' });
    expect(stripPassword('postgres://p@h/d?password=x')).toBe('postgres://p@h/d');
    expect(databaseChoice(form), 'no password typed: none sent').toEqual({ location: 'postgresql://planner@db:5433/office?sslmode=require' });
  });

  it('prefills from the saved choice, never with a password', () => {
    const form = databaseForm({ ...current, kind: 'postgres', source: 'settings', location: 'postgres://planner:***@db.office.example:6543/itinera', saved: 'postgres://planner@db.office.example:6543/itinera' });
    expect(form).toMatchObject({ kind: 'postgres', host: 'db.office.example', port: '6543', database: 'itinera', user: 'planner', password: '' });
    expect(parsePostgresUrl('postgres://planner:***@h/d')?.user).toBe('planner');
    expect(databaseForm(current)).toMatchObject({ kind: 'sqlite', path: current.location });
  });
});

describe('switching', () => {
  it('is enabled only after a passed test of exactly these inputs', () => {
    const form = pgForm();
    const tested = choiceKey(databaseChoice(form));
    expect(canSwitch(form, null, false, current.location), 'not tested yet').toBe(false);
    expect(canSwitch(form, tested, false, current.location)).toBe(true);
    expect(canSwitch(form, tested, true, current.location), 'not while a test or switch runs').toBe(false);
    expect(canSwitch({ ...form, password: 'other' }, tested, false, current.location), 'a changed password needs a new test').toBe(false);
    expect(canSwitch({ ...form, port: '5433' }, tested, false, current.location), 'a changed port needs a new test').toBe(false);
  });

  it('is never offered for the database already in use', () => {
    const form = { ...databaseForm(current) };
    const tested = choiceKey(databaseChoice(form));
    expect(canSwitch(form, tested, false, current.location)).toBe(false);
  });
});
