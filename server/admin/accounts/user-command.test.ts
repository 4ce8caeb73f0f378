import { describe, expect, it } from 'vitest';
import { parseUserCommand, type UserCommand } from './user-command.ts';

describe('parseUserCommand', () => {
  const ok: [string, UserCommand][] = [
    ['add anna --admin', { kind: 'add', name: 'anna', role: 'admin', askPassword: false }],
    ['add bert', { kind: 'add', name: 'bert', role: 'curator', askPassword: false }],
    ['add bert --password', { kind: 'add', name: 'bert', role: 'curator', askPassword: true }],
    ['list', { kind: 'list' }],
    ['disable bert', { kind: 'disable', name: 'bert' }],
    ['enable bert', { kind: 'enable', name: 'bert' }],
    ['end-sessions bert', { kind: 'end-sessions', name: 'bert' }],
    ['reset bert', { kind: 'reset', name: 'bert', askPassword: false }],
    ['reset bert --password', { kind: 'reset', name: 'bert', askPassword: true }],
    ['', { kind: 'help' }],
    ['--help', { kind: 'help' }],
  ];
  it.each(ok)('%j', (line, expected) => {
    expect(parseUserCommand(line.split(' ').filter(Boolean))).toEqual(expected);
  });

  const bad: [string, string][] = [
    ['add', 'add needs an account name'],
    ['disable', 'disable needs an account name'],
    ['list bert', 'list takes no name'],
    ['disable bert --admin', '--admin is not an option of disable'],
    ['list --password', '--password is not an option of list'],
    ['add a b', 'unexpected "b"'],
    ['remove bert', 'unknown command "remove"'],
    ['add bert --root', "Unknown option '--root'"],
  ];
  it.each(bad)('%j is refused: %s', (line, message) => {
    expect(() => parseUserCommand(line.split(' '))).toThrow(message);
  });
});
