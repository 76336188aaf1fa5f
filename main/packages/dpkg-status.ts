// dpkg's status database: stanzas of "Field: value" lines, continuation lines indented. Only installed packages
// count, as dpkg-query's "ii" lists them.
import type { Package } from './package-model';

export function parseDpkgStatus(text: string): Package[] {
  const packages: Package[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    let last = '';
    for (const line of stanza.split('\n')) {
      if (line.startsWith(' ') || line.startsWith('\t')) {
        if (last) fields.set(last, `${fields.get(last) ?? ''}\n${line.slice(1)}`);
        continue;
      }
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      fields.set(last, line.slice(colon + 1).trim());
    }
    const name = fields.get('package');
    const version = fields.get('version');
    if (!name || !version || !/ installed$/.test(fields.get('status') ?? '') || !(fields.get('status') ?? '').startsWith('install ')) continue;
    const installedSize = Number(fields.get('installed-size'));
    packages.push({
      name,
      arch: fields.get('architecture') ?? 'all',
      evr: version,
      summary: (fields.get('description') ?? '').split('\n')[0] ?? '',
      ...(Number.isFinite(installedSize) ? { size: installedSize * 1024 } : {}),
      source: (fields.get('source') ?? name).replace(/\s*\(.*\)$/, ''),
    });
  }
  return packages;
}
