// Which changelog entries an upgrade brings, on changelogs as rpm stores them: newest first, a name line ending in
// the version the entry describes, times at noon of the entry's day.
import { describe, expect, it } from 'vitest';
import { changelogSince } from '../../main/packages/changelogs';
import type { ChangelogEntry } from '../../main/packages/package-model';

const day = (date: string): number => Date.parse(`${date}T12:00:00Z`) / 1000;
const entry = (date: string, author: string): ChangelogEntry => ({ time: day(date), author, text: `- ${author}` });

const CHANGELOG = [
  entry('2025-03-01', 'Ann <ann@example.com> - 2:1.3-1.fc41'),
  entry('2025-02-01', 'Bob <bob@example.com> - 1.2-2'),
  entry('2025-01-15', 'Ann <ann@example.com> - 1.2-1'),
  entry('2025-01-01', 'Bob <bob@example.com> 1.1-1'),
  entry('2024-06-01', 'Ann <ann@example.com> - 1.0-1'),
];
const authors = (entries: ChangelogEntry[]): string[] => entries.map((e) => e.author.replace(/ <.*/, ` ${e.author.split(' ').pop() ?? ''}`));

describe('changelogSince', () => {
  it('takes the entries naming versions newer than the old package', () => {
    expect(authors(changelogSince(CHANGELOG, { epoch: '2', version: '1.2', release: '1' }))).toEqual(['Ann 2:1.3-1.fc41', 'Bob 1.2-2']);
    expect(authors(changelogSince(CHANGELOG, { version: '1.0', release: '1' }, day('2024-06-01')))).toEqual(['Ann 2:1.3-1.fc41', 'Bob 1.2-2', 'Ann 1.2-1', 'Bob 1.1-1']);
    expect(changelogSince(CHANGELOG, { epoch: '2', version: '1.3', release: '1.fc41' })).toEqual([]);
  });

  it('stops at the first entry that is old by its version or by its time, whatever the rest say', () => {
    const odd = [CHANGELOG[0], entry('2025-02-10', 'Bob <bob@example.com> - 0.9-1'), ...CHANGELOG.slice(1)].flatMap((e) => (e ? [e] : []));
    expect(authors(changelogSince(odd, { epoch: '2', version: '1.0', release: '1' }))).toEqual(['Ann 2:1.3-1.fc41']);
    // 1.2-1 names a newer version than 1.1-9, but is older than the old package's newest entry.
    expect(authors(changelogSince(CHANGELOG, { version: '1.1', release: '9' }, day('2025-01-20')))).toEqual(['Ann 2:1.3-1.fc41', 'Bob 1.2-2']);
    // Of the same day as the old newest entry: new only when it names a newer version.
    expect(authors(changelogSince(CHANGELOG, { version: '1.2', release: '1' }, day('2025-02-01')))).toEqual(['Ann 2:1.3-1.fc41', 'Bob 1.2-2']);
    expect(authors(changelogSince(CHANGELOG, { version: '1.2', release: '2' }, day('2025-02-01')))).toEqual(['Ann 2:1.3-1.fc41']);
  });

  it('falls back to times when entries name no version, or only the old one', () => {
    const bare = [
      entry('2025-03-01', 'Ann <ann@example.com>'),
      entry('2025-02-01', 'Bob <bob@example.com> - 1.2'),
      entry('2025-01-15', 'Ann <ann@example.com>'),
      entry('2025-01-01', 'Bob <bob@example.com>'),
    ];
    const old = { version: '1.2', release: '1' };
    expect(authors(changelogSince(bare, old, day('2025-01-15')))).toEqual(['Ann <ann@example.com>', 'Bob 1.2']);
    expect(authors(changelogSince(bare, old, day('2025-02-01')))).toEqual(['Ann <ann@example.com>']);
    // An old package without a changelog: only versions count, and these name none older.
    expect(changelogSince(bare, old)).toHaveLength(4);
  });

  it('reads an entry without an epoch as sharing the old package epoch', () => {
    const entries = [entry('2025-03-01', 'Ann <ann@example.com> - 1.3-1'), entry('2025-01-01', 'Ann <ann@example.com> - 1.2-1')];
    expect(authors(changelogSince(entries, { epoch: '3', version: '1.2', release: '1' }))).toEqual(['Ann 1.3-1']);
  });
});
